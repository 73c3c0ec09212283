import { InvertedIndex } from './inverted-index.js';
import type { PhrasingTable } from './phrasings.js';
import type { Query, Scorer, ScorerBuilder } from './scorer.js';
import { maxPostings } from './lexical-scorer.js';
import { charNgrams, wordNgrams } from './text.js';

export const BAYES_CHANNELS = ['bayes-word', 'bayes-char'] as const;

/** Additive smoothing: small, so one shared term counts for a lot in 10 short phrasings. */
const ALPHA = 0.1;

/**
 * Multinomial naive Bayes over each article's phrasings, in words and in character n-grams: the
 * average log-probability of the question's terms under the article's own term distribution. Unlike
 * TF-IDF similarity it is supervised (it sees how often each article uses a term) and it rewards an
 * article for every term the question shares with any of its phrasings.
 */
export const bayesScorer: ScorerBuilder = {
  name: 'bayes',
  channels: BAYES_CHANNELS,
  needsVectors: false,
  build: (table) => {
    const word = BayesView.fit(table, wordNgrams);
    const char = BayesView.fit(table, (t) => charNgrams(t));
    return {
      channels: BAYES_CHANNELS,
      score: (query: Query) => [word.score(query.text), char.score(query.text)],
    } satisfies Scorer;
  },
};

class BayesView {
  private constructor(
    private readonly vocabulary: Map<string, number>,
    private readonly tokens: (text: string) => string[],
    /** log(1 + count / α) per (term, article) with a non-zero count. */
    private readonly index: InvertedIndex,
    /** −log(total terms + α·V) per article: every term's shared part of the log-probability. */
    private readonly base: Float64Array,
  ) {}

  static fit(table: PhrasingTable, tokens: (text: string) => string[]): BayesView {
    const n = table.articles.length;
    const vocabulary = new Map<string, number>();
    const counts = Array.from({ length: n }, () => new Map<number, number>());
    const totals = new Float64Array(n);
    table.texts.forEach((text, i) => {
      const a = table.owner[i]!;
      for (const term of tokens(text)) {
        let t = vocabulary.get(term);
        if (t === undefined) vocabulary.set(term, (t = vocabulary.size));
        counts[a]!.set(t, (counts[a]!.get(t) ?? 0) + 1);
        totals[a]!++;
      }
    });
    const vectors = counts.map((c) => {
      const indices = Int32Array.from(c.keys()).sort();
      return { indices, values: Float32Array.from(indices, (t) => Math.log(1 + (c.get(t) ?? 0) / ALPHA)) };
    });
    const base = Float64Array.from(totals, (total) => Math.log(ALPHA) - Math.log(total + ALPHA * vocabulary.size));
    return new BayesView(vocabulary, tokens, new InvertedIndex(vectors, vocabulary.size), base);
  }

  score(text: string): Float64Array {
    const known = new Map<number, number>();
    let length = 0;
    for (const term of this.tokens(text)) {
      const t = this.vocabulary.get(term);
      if (t === undefined) continue;
      known.set(t, (known.get(t) ?? 0) + 1);
      length++;
    }
    const out = Float64Array.from(this.base);
    if (length === 0) return out.fill(0);
    const indices = Int32Array.from(known.keys()).sort();
    this.index.accumulate({ indices, values: Float32Array.from(indices, (t) => (known.get(t) ?? 0) / length) }, out, maxPostings(out.length));
    return out;
  }
}
