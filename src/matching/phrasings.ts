import type { Article } from '../knowledge/article.js';

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
  /** Normalised embedding per phrasing, when an encoder is in use. */
  vectors?: readonly Float32Array[];
}

/** The texts a matcher learns an article from: its title, then its alternate questions. */
export const phrasingsOf = (article: Article): string[] => [article.title, ...article.questions];

/** A table over all phrasings; `vectors[a][p]` is phrasing p of article a (same order as phrasingsOf). */
export function phrasingTable(articles: readonly Article[], vectors?: readonly (readonly Float32Array[])[]): PhrasingTable {
  const texts: string[] = [];
  const owner: number[] = [];
  const position: number[] = [];
  const flat: Float32Array[] = [];
  articles.forEach((article, a) => {
    phrasingsOf(article).forEach((text, p) => {
      texts.push(text);
      owner.push(a);
      position.push(p);
      if (vectors) flat.push(vectors[a]![p]!);
    });
  });
  return { articles, texts, owner: Int32Array.from(owner), position: Int32Array.from(position), vectors: vectors ? flat : undefined };
}

/** The same articles with only the phrasings `keep` accepts (a training fold). */
export function subsetTable(table: PhrasingTable, keep: (phrasing: number) => boolean): PhrasingTable {
  const rows = table.texts.flatMap((_, i) => (keep(i) ? [i] : []));
  return {
    articles: table.articles,
    texts: rows.map((i) => table.texts[i]!),
    owner: Int32Array.from(rows, (i) => table.owner[i]!),
    position: Int32Array.from(rows, (i) => table.position[i]!),
    vectors: table.vectors ? rows.map((i) => table.vectors![i]!) : undefined,
  };
}
