import { InvertedIndex } from './inverted-index.js';
import type { PhrasingTable } from './phrasings.js';
import type { Query, Scorer, ScorerBuilder } from './scorer.js';
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

/** One tokenisation (char or word) with a centroid per article and one row per phrasing. */
class View {
  private readonly centroids: InvertedIndex;
  private readonly phrasings: InvertedIndex;

  constructor(
    private readonly vectorizer: TfidfVectorizer,
    private readonly tokens: (text: string) => string[],
    phrasingVectors: readonly SparseVector[],
    private readonly owner: Int32Array,
    articleCount: number,
  ) {
    const grouped: SparseVector[][] = Array.from({ length: articleCount }, () => []);
    phrasingVectors.forEach((v, i) => grouped[owner[i]!]!.push(v));
    this.centroids = new InvertedIndex(grouped.map(centroid), vectorizer.size);
    this.phrasings = new InvertedIndex(phrasingVectors, vectorizer.size);
  }

  static fit(texts: readonly string[], tokens: (text: string) => string[], owner: Int32Array, articleCount: number): View {
    const docs = texts.map(tokens);
    const vectorizer = TfidfVectorizer.fit(docs);
    return new View(vectorizer, tokens, docs.map((d) => vectorizer.transform(d)), owner, articleCount);
  }

  /** Centroid similarity and best single phrasing similarity per article. */
  score(text: string, articleCount: number): [Float64Array, Float64Array] {
    const q = this.vectorizer.transform(this.tokens(text));
    const central = new Float64Array(articleCount);
    this.centroids.accumulate(q, central);
    const perPhrasing = new Float64Array(this.owner.length);
    this.phrasings.accumulate(q, perPhrasing);
    const best = new Float64Array(articleCount);
    for (let i = 0; i < perPhrasing.length; i++) {
      const a = this.owner[i]!;
      if (perPhrasing[i]! > best[a]!) best[a] = perPhrasing[i]!;
    }
    return [central, best];
  }
}

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
    this.bodies.accumulate(this.bodyVectorizer.transform(wordNgrams(query.text)), body);
    return [charCentroid, charBest, wordCentroid, wordBest, body];
  }
}
