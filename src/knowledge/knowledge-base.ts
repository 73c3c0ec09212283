import type { Article } from './article.js';
import type { KnowledgeProblem } from './problems.js';
import { onePerId } from './duplicate-ids.js';
import { duplicateQuestions } from './duplicate-questions.js';
import { teamTypos } from './team-typos.js';

/** The articles that are live, plus the problems found while assembling them. */
export interface KnowledgeBase {
  articles: Article[];
  byId: Map<string, Article>;
  teams: string[];
  problems: KnowledgeProblem[];
}

/**
 * Builds the live knowledge base from one article per file, checking what only shows across files: the same
 * id in two files, the same question in two articles, a team name that looks like a typo. `previous`, the base
 * live until now, decides which file keeps an id or question, so the one reported is the newcomer.
 */
export function assembleKnowledgeBase(
  candidates: readonly Article[],
  fileProblems: readonly KnowledgeProblem[],
  previous?: KnowledgeBase,
  /** Teams the settings name (see configuredTeams): a team spelled almost like one of them is reported. */
  knownTeams: readonly string[] = [],
): KnowledgeBase {
  const { kept: articles, problems: idProblems } = onePerId(candidates, previous?.byId);
  const problems = [...fileProblems, ...idProblems];
  const byId = new Map(articles.map((a) => [a.id, a]));

  problems.push(...duplicateQuestions(articles, previous?.articles), ...teamTypos(articles, knownTeams));

  const teams = [...new Set(articles.flatMap((a) => (a.team ? [a.team] : [])))].sort();
  return { articles, byId, teams, problems };
}
