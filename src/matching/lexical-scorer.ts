import { InvertedIndex } from './inverted-index.js';
import type { PhrasingTable } from './phrasings.js';
import type { Query, Scorer, ScorerBuilder } from './scorer.js';
import { phrasingOffsets, shortlist } from './shortlist.js';
import { centroid, TfidfVectorizer, type SparseVector } from './sparse.js';
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
    private readonly phrasings: readonly SparseVector[],
    owner: Int32Array,
    articleCount: number,
  ) {
    this.offsets = phrasingOffsets(owner, articleCount);
    this.lookup = new Float32Array(vectorizer.size);
    const grouped = Array.from({ length: articleCount }, (_, a) => phrasings.slice(this.offsets[a], this.offsets[a + 1]));
    this.centroids = new InvertedIndex(grouped.map(centroid), vectorizer.size);
  }

  static fit(texts: readonly string[], tokens: (text: string) => string[], owner: Int32Array, articleCount: number): View {
    const docs = texts.map(tokens);
    const vectorizer = TfidfVectorizer.fit(docs);
    return new View(vectorizer, tokens, docs.map((d) => vectorizer.transform(d)), owner, articleCount);
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
    for (const a of shortlist(central)) {
      let max = 0;
      for (let i = this.offsets[a]!; i < this.offsets[a + 1]!; i++) {
        const p = this.phrasings[i]!;
        let dot = 0;
        for (let k = 0; k < p.indices.length; k++) dot += p.values[k]! * lookup[p.indices[k]!]!;
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
    const bodyDocs = table.articles.map((a) => wordNgrams(`${a.title} ${a.body}`));
    const bodyVectorizer = TfidfVectorizer.fit(bodyDocs);
    const bodies = new InvertedIndex(bodyDocs.map((d) => bodyVectorizer.transform(d)), bodyVectorizer.size);
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
