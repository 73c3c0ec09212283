import type { Article } from './article.js';
import type { KnowledgeProblem } from './problems.js';

/** Normalises a question so that "Has my top-up gone through?" and "has my top up gone through" collide. */
export const questionKey = (q: string) => q.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** One phrasing of an article (its title or one of its questions) and where it is written. */
interface Asked {
  article: Article;
  text: string;
  field: string;
  line?: number;
}

/**
 * The same question (or title) in two articles, which the bot cannot tell apart. One article keeps it: the one
 * that had it while live before this reload (so the file to change is the one just edited), else one where it
 * is the title (a question line is the easier thing to remove), else the first file by path. Every other copy
 * is reported at its own line, naming where the question stays.
 */
export function duplicateQuestions(articles: readonly Article[], previous: readonly Article[] = []): KnowledgeProblem[] {
  const hadBefore = new Set(previous.flatMap((a) => phrasings(a).map((p) => `${a.file}\n${questionKey(p.text)}`)));
  const askedBy = new Map<string, Asked[]>();
  for (const article of articles) {
    for (const asked of phrasings(article)) {
      const key = questionKey(asked.text);
      const others = askedBy.get(key) ?? [];
      if (!others.some((o) => o.article === article)) askedBy.set(key, [...others, asked]);
    }
  }

  const problems: KnowledgeProblem[] = [];
  for (const [key, copies] of askedBy) {
    if (copies.length < 2) continue;
    const rank = (a: Asked) => [hadBefore.has(`${a.article.file}\n${key}`) ? 0 : 1, a.field === 'title' ? 0 : 1];
    const [keeper, ...others] = [...copies].sort((a, b) => compareRanks(rank(a), rank(b)) || (a.article.file < b.article.file ? -1 : 1));
    for (const other of others) problems.push(duplicate(other, keeper!));
  }
  return problems;
}

function phrasings(article: Article): Asked[] {
  return [
    { article, text: article.title, field: 'title', line: article.lines?.title },
    ...article.questions.map((text, i) => ({ article, text, field: `questions[${i}]`, line: article.lines?.questions?.[i] })),
  ];
}

const compareRanks = (a: number[], b: number[]) => a.reduce((diff, x, i) => diff || x - (b[i] ?? 0), 0);

const where = (asked: Asked) => (asked.line ? `${asked.article.file}:${asked.line}` : asked.article.file);
const what = (asked: Asked) => (asked.field === 'title' ? 'the title' : 'a question');

function duplicate(copy: Asked, keeper: Asked): KnowledgeProblem {
  const kept = `${where(keeper)} (${keeper.article.id})`;
  return {
    severity: 'error',
    file: copy.article.file,
    line: copy.line,
    field: copy.field,
    message: `"${copy.text}" is also ${what(keeper)} of ${kept}; the bot cannot tell which of the two articles answers it`,
    fix:
      copy.field !== 'title' ? `delete or reword this question; it stays in ${keeper.article.file}`
      : keeper.field === 'title' ? 'give this article a title of its own'
      : `give this article another title, or delete the question at ${where(keeper)}`,
  };
}
