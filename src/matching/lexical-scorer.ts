import { InvertedIndex } from './inverted-index.js';
import type { PhrasingTable } from './phrasings.js';
import type { Query, Scorer, ScorerBuilder } from './scorer.js';
import { phrasingOffsets, shortlist } from './shortlist.js';
import { TfidfVectorizer } from './sparse.js';
import { groupCentroids, SparseRowsBuilder, type SparseRows } from './sparse-rows.js';
import { charNgrams, wordNgrams } from './text.js';

export const LEXICAL_CHANNELS = ['char-centroid', 'char-best', 'word-centroid', 'word-best', 'word-body'] as const;

/** Char 3–5-gram and word 1–2-gram TF-IDF views of the articles' phrasings, plus word TF-IDF of the bodies. */
export const lexicalScorer: ScorerBuilder = {
  name: 'lexical',
  channels: LEXICAL_CHANNELS,
  needsVectors: false,
  build: (table) => LexicalScorer.build(table),
};

/** One tokenisation (char or word) with a centroid per article (inverted index) and every phrasing's vector. */
class View {
  private readonly centroids: InvertedIndex;
  private readonly offsets: Int32Array;
  /** Scratch space for one query's weights by term (all zeros between queries). */
  private readonly lookup: Float32Array;

  constructor(
    private readonly vectorizer: TfidfVectorizer,
    private readonly tokens: (text: string) => string[],
    /** Every phrasing's TF-IDF vector, in table order (so each article's are contiguous). */
    private readonly phrasings: SparseRows,
    owner: Int32Array,
    articleCount: number,
  ) {
    this.offsets = phrasingOffsets(owner, articleCount);
    this.lookup = new Float32Array(vectorizer.size);
    this.centroids = new InvertedIndex(groupCentroids(phrasings, this.offsets, vectorizer.size), vectorizer.size);
  }

  /** Tokenises each text twice (to fit, then to transform) rather than holding every token list at once. */
  static fit(texts: readonly string[], tokens: (text: string) => string[], owner: Int32Array, articleCount: number): View {
    const vectorizer = TfidfVectorizer.fitEach(texts.length, (i) => tokens(texts[i]!));
    const phrasings = new SparseRowsBuilder(vectorizer.fittedNonZeros);
    for (const text of texts) phrasings.push(vectorizer.transform(tokens(text)));
    return new View(vectorizer, tokens, phrasings.build(), owner, articleCount);
  }

  /** Centroid similarity and best single phrasing similarity per article (exact on the shortlist). */
  score(text: string, articleCount: number): [Float64Array, Float64Array] {
    const q = this.vectorizer.transform(this.tokens(text));
    const central = new Float64Array(articleCount);
    this.centroids.accumulate(q, central, maxPostings(articleCount));
    const best = Float64Array.from(central);
    // the query as a dense lookup table: each phrasing's dot product is then one pass over its own terms
    const lookup = this.lookup;
    for (let i = 0; i < q.indices.length; i++) lookup[q.indices[i]!] = q.values[i]!;
    const { offsets: rowStart, indices, values } = this.phrasings;
    for (const a of shortlist(central)) {
      let max = 0;
      for (let r = this.offsets[a]!; r < this.offsets[a + 1]!; r++) {
        let dot = 0;
        for (let k = rowStart[r]!; k < rowStart[r + 1]!; k++) dot += values[k]! * lookup[indices[k]!]!;
        if (dot > max) max = dot;
      }
      best[a] = max;
    }
    for (let i = 0; i < q.indices.length; i++) lookup[q.indices[i]!] = 0;
    return [central, best];
  }
}

/** Exact below 2,000 articles; above, terms in more than 5% of articles are skipped (see InvertedIndex). */
export const maxPostings = (articleCount: number) => (articleCount < 2000 ? Infinity : Math.max(2000, 0.05 * articleCount));

class LexicalScorer implements Scorer {
  readonly channels = LEXICAL_CHANNELS;

  private constructor(
    private readonly articleCount: number,
    private readonly char: View,
    private readonly word: View,
    private readonly bodies: InvertedIndex,
    private readonly bodyVectorizer: TfidfVectorizer,
  ) {}

  static build(table: PhrasingTable): LexicalScorer {
    const n = table.articles.length;
    const bodyTokens = (a: number) => wordNgrams(`${table.articles[a]!.title} ${table.articles[a]!.body}`);
    const bodyVectorizer = TfidfVectorizer.fitEach(n, bodyTokens);
    const bodyRows = new SparseRowsBuilder(bodyVectorizer.fittedNonZeros);
    for (let a = 0; a < n; a++) bodyRows.push(bodyVectorizer.transform(bodyTokens(a)));
    const bodies = new InvertedIndex(bodyRows.build(), bodyVectorizer.size);
    const char = View.fit(table.texts, (t) => charNgrams(t), table.owner, n);
    const word = View.fit(table.texts, wordNgrams, table.owner, n);
    return new LexicalScorer(n, char, word, bodies, bodyVectorizer);
  }

  score(query: Query): Float64Array[] {
    const n = this.articleCount;
    const [charCentroid, charBest] = this.char.score(query.text, n);
    const [wordCentroid, wordBest] = this.word.score(query.text, n);
    const body = new Float64Array(n);
    this.bodies.accumulate(this.bodyVectorizer.transform(wordNgrams(query.text)), body, maxPostings(n));
    return [charCentroid, charBest, wordCentroid, wordBest, body];
  }
}
