import type { Article } from '../knowledge/article.js';
import { InvertedIndex } from './inverted-index.js';
import { phrasingsOf, type Scorer } from './scorer.js';
import { centroid, TfidfVectorizer, type SparseVector } from './sparse.js';
import { charNgrams, wordNgrams } from './text.js';

export const LEXICAL_CHANNELS = ['char-centroid', 'char-best', 'word-centroid', 'word-best', 'word-body'] as const;

/** Char 3–5-gram and word 1–2-gram TF-IDF views of the articles' phrasings, plus word TF-IDF of the bodies. */
export async function buildLexicalScorer(articles: readonly Article[]): Promise<Scorer> {
  return LexicalScorer.build(articles);
}

/** One tokenisation (char or word) with a centroid per article and one row per phrasing. */
class View {
  readonly centroids: InvertedIndex;
  readonly phrasings: InvertedIndex;

  constructor(
    readonly vectorizer: TfidfVectorizer,
    readonly tokens: (text: string) => string[],
    phrasingVectors: readonly SparseVector[],
    readonly owner: Int32Array,
    articleCount: number,
  ) {
    const grouped: SparseVector[][] = Array.from({ length: articleCount }, () => []);
    phrasingVectors.forEach((v, i) => grouped[owner[i]!]!.push(v));
    this.centroids = new InvertedIndex(grouped.map(centroid), vectorizer.size);
    this.phrasings = new InvertedIndex(phrasingVectors, vectorizer.size);
  }

  /** Centroid similarity and best single phrasing similarity per article. */
  score(question: string, articleCount: number): [Float64Array, Float64Array] {
    const q = this.vectorizer.transform(this.tokens(question));
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

  static build(articles: readonly Article[]): LexicalScorer {
    const texts: string[] = [];
    const owners: number[] = [];
    articles.forEach((article, a) => {
      for (const p of phrasingsOf(article)) {
        texts.push(p);
        owners.push(a);
      }
    });
    const owner = Int32Array.from(owners);
    const view = (tokens: (text: string) => string[]) => {
      const docs = texts.map(tokens);
      const vectorizer = TfidfVectorizer.fit(docs);
      return new View(vectorizer, tokens, docs.map((d) => vectorizer.transform(d)), owner, articles.length);
    };
    const bodyDocs = articles.map((a) => wordNgrams(`${a.title} ${a.body}`));
    const bodyVectorizer = TfidfVectorizer.fit(bodyDocs);
    const bodies = new InvertedIndex(bodyDocs.map((d) => bodyVectorizer.transform(d)), bodyVectorizer.size);
    return new LexicalScorer(articles.length, view((t) => charNgrams(t)), view(wordNgrams), bodies, bodyVectorizer);
  }

  async score(question: string): Promise<Float64Array[]> {
    const n = this.articleCount;
    const [charCentroid, charBest] = this.char.score(question, n);
    const [wordCentroid, wordBest] = this.word.score(question, n);
    const body = new Float64Array(n);
    this.bodies.accumulate(this.bodyVectorizer.transform(wordNgrams(question)), body);
    return [charCentroid, charBest, wordCentroid, wordBest, body];
  }
}
