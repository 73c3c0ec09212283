import type { Article } from '../knowledge/article.js';
import { phrasingVectors } from './simd/storage.js';
import type { VectorRows } from './simd/vector-rows.js';

/**
 * Every phrasing the matcher learns from (each article's title, then its questions), flattened,
 * with the article it belongs to and, for embedding scorers, its vector. Scorers are built from a
 * table, so training folds are just smaller tables and vectors are never computed twice.
 */
export interface PhrasingTable {
  articles: readonly Article[];
  texts: readonly string[];
  /** Index into `articles` of each phrasing's article; an article's phrasings are contiguous. */
  owner: Int32Array;
  /** 0 for the title, 1… for the questions in file order. */
  position: Int32Array;
  /** Normalised embedding per phrasing (row i is phrasing i), packed, when an encoder is in use. */
  vectors?: VectorRows;
}

/** The texts a matcher learns an article from: its title, then its alternate questions. */
export const phrasingsOf = (article: Article): string[] => [article.title, ...article.questions];

/**
 * A table over all phrasings. `vectors` holds every phrasing's embedding in table order (articles in
 * order, each article's phrasings as phrasingsOf lists them): packed rows, or per article `vectors[a][p]`.
 */
export function phrasingTable(articles: readonly Article[], vectors?: VectorRows | readonly (readonly ArrayLike<number>[])[]): PhrasingTable {
  const texts: string[] = [];
  const owner: number[] = [];
  const position: number[] = [];
  articles.forEach((article, a) => {
    phrasingsOf(article).forEach((text, p) => {
      texts.push(text);
      owner.push(a);
      position.push(p);
    });
  });
  const rows = vectors === undefined || !Array.isArray(vectors) ? (vectors as VectorRows | undefined) : packed(vectors.flat());
  if (rows && rows.count !== texts.length) throw new Error(`${rows.count} phrasing vectors for ${texts.length} phrasings`);
  return { articles, texts, owner: Int32Array.from(owner), position: Int32Array.from(position), vectors: rows };
}

function packed(vectors: readonly ArrayLike<number>[]): VectorRows {
  const rows = phrasingVectors(vectors.length, vectors[0]?.length ?? 0);
  vectors.forEach((v, i) => rows.set(i, v));
  return rows;
}

/** The same articles with only the phrasings `keep` accepts (a training fold). */
export function subsetTable(table: PhrasingTable, keep: (phrasing: number) => boolean): PhrasingTable {
  const rows = table.texts.flatMap((_, i) => (keep(i) ? [i] : []));
  return {
    articles: table.articles,
    texts: rows.map((i) => table.texts[i]!),
    owner: Int32Array.from(rows, (i) => table.owner[i]!),
    position: Int32Array.from(rows, (i) => table.position[i]!),
    vectors: table.vectors?.subset(rows),
  };
}
