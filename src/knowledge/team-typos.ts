import type { Article } from './article.js';
import { editDistance, isLikelyTypo } from './edit-distance.js';
import type { KnowledgeProblem } from './problems.js';

/**
 * A team only one article uses, spelled almost like a team others use ("biling" next to "billing") or one the
 * settings name (`knownTeams`: the default team, teams with agent channels), is most likely a typo: unchecked,
 * it silently becomes a team of its own and its handoffs are routed there.
 */
export function teamTypos(articles: readonly Article[], knownTeams: readonly string[] = []): KnowledgeProblem[] {
  const usedBy = new Map<string, Article[]>();
  for (const article of articles) if (article.team) usedBy.set(article.team, [...(usedBy.get(article.team) ?? []), article]);
  // the teams a lone spelling is compared with, and why each is a real one
  const real = new Map<string, string>();
  for (const [team, users] of usedBy) if (users.length > 1) real.set(team, `${users.length} articles use it`);
  for (const team of knownTeams) if (!real.has(team)) real.set(team, 'the settings name it');

  const problems: KnowledgeProblem[] = [];
  for (const [team, [article, ...more]] of usedBy) {
    if (!article || more.length || knownTeams.includes(team)) continue;
    const near = [...real]
      .filter(([other]) => other !== team && isLikelyTypo(team, other))
      .sort(([a], [b]) => editDistance(team, a) - editDistance(team, b) || (usedBy.get(b)?.length ?? 0) - (usedBy.get(a)?.length ?? 0))[0];
    if (!near) continue;
    problems.push({
      severity: 'warning',
      file: article.file,
      line: article.lines?.team,
      field: 'team',
      message: `team "${team}" is used by no other article, so it becomes a team of its own`,
      fix: `did you mean ${near[0]}? (${near[1]})`,
    });
  }
  return problems;
}

