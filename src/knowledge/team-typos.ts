import type { Article } from './article.js';
import { editDistance, isLikelyTypo } from './edit-distance.js';
import type { KnowledgeProblem } from './problems.js';

/**
 * A team only one article uses, spelled almost like a team others use ("biling" next to "billing"), is most
 * likely a typo: unchecked, it silently becomes a team of its own and its handoffs are routed there.
 */
export function teamTypos(articles: readonly Article[]): KnowledgeProblem[] {
  const usedBy = new Map<string, Article[]>();
  for (const article of articles) if (article.team) usedBy.set(article.team, [...(usedBy.get(article.team) ?? []), article]);

  const problems: KnowledgeProblem[] = [];
  for (const [team, [article, ...more]] of usedBy) {
    if (!article || more.length) continue;
    const near = [...usedBy]
      .filter(([other, users]) => users.length > 1 && isLikelyTypo(team, other))
      .sort(([a, x], [b, y]) => editDistance(team, a) - editDistance(team, b) || y.length - x.length)[0];
    if (!near) continue;
    problems.push({
      severity: 'warning',
      file: article.file,
      line: article.lines?.team,
      field: 'team',
      message: `team "${team}" is used by no other article, so it becomes a team of its own`,
      fix: `did you mean ${near[0]}? (${near[1].length} articles use it)`,
    });
  }
  return problems;
}

