import { InvertedIndex } from './inverted-index.js';
import type { PhrasingTable } from './phrasings.js';
import type { Query, Scorer, ScorerBuilder } from './scorer.js';
import { maxPostings } from './lexical-scorer.js';
import { phrasingOffsets } from './shortlist.js';
import type { SparseVector } from './sparse.js';
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

  /** Counts one article at a time (its phrasings are contiguous), so only one article's counts exist at once. */
  static fit(table: PhrasingTable, tokens: (text: string) => string[]): BayesView {
    const n = table.articles.length;
    const offsets = phrasingOffsets(table.owner, n);
    const vocabulary = new Map<string, number>();
    const totals = new Float64Array(n);
    const rows: SparseVector[] = [];
    let counts: Float64Array = new Float64Array(1024);
    for (let a = 0; a < n; a++) {
      const touched: number[] = [];
      for (let i = offsets[a]!; i < offsets[a + 1]!; i++) {
        for (const term of tokens(table.texts[i]!)) {
          let t = vocabulary.get(term);
          if (t === undefined) vocabulary.set(term, (t = vocabulary.size));
          if (t >= counts.length) counts = grown(counts, t + 1);
          if (counts[t] === 0) touched.push(t);
          counts[t]!++;
          totals[a]!++;
        }
      }
      const indices = Int32Array.from(touched).sort();
      rows.push({ indices, values: Float32Array.from(indices, (t) => Math.log(1 + counts[t]! / ALPHA)) });
      for (const t of touched) counts[t] = 0;
    }
    const base = Float64Array.from(totals, (total) => Math.log(ALPHA) - Math.log(total + ALPHA * vocabulary.size));
    return new BayesView(vocabulary, tokens, new InvertedIndex(rows, vocabulary.size), base);
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

/** A copy of `array` with room for at least `size` entries (doubling, so growth is amortised). */
function grown(array: Float64Array, size: number): Float64Array {
  const bigger = new Float64Array(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}
