import type { Article } from './article.js';
import type { KnowledgeProblem } from './problems.js';
import { onePerId } from './duplicate-ids.js';

/** The articles that are live, plus the problems found while assembling them. */
export interface KnowledgeBase {
  articles: Article[];
  byId: Map<string, Article>;
  teams: string[];
  problems: KnowledgeProblem[];
}

/** Normalises a question so that "Has my top-up gone through?" and "has my top up gone through" collide. */
export const questionKey = (q: string) => q.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Builds the live knowledge base from one article per file, checking what only shows across files: the same
 * id in two files (see onePerId; `previous`, the base live until now, decides who keeps it) and the same
 * question in two articles.
 */
export function assembleKnowledgeBase(candidates: readonly Article[], fileProblems: readonly KnowledgeProblem[], previous?: KnowledgeBase): KnowledgeBase {
  const { kept: articles, problems: idProblems } = onePerId(candidates, previous?.byId);
  const problems = [...fileProblems, ...idProblems];
  const byId = new Map(articles.map((a) => [a.id, a]));

  const askedIn = new Map<string, Article>();
  for (const article of articles) {
    for (const question of [article.title, ...article.questions]) {
      const key = questionKey(question);
      const other = askedIn.get(key);
      if (other && other !== article) {
        problems.push({
          severity: 'error',
          file: article.file,
          field: 'questions',
          message: `"${question}" is also a question of ${other.file} (${other.id}); the bot cannot tell which one to answer`,
          fix: 'keep the question in the one article that answers it',
        });
      } else askedIn.set(key, article);
    }
  }

  const teams = [...new Set(articles.flatMap((a) => (a.team ? [a.team] : [])))].sort();
  return { articles, byId, teams, problems };
}
