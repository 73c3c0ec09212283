import type { Article } from './article.js';
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
      .filter(([other, users]) => users.length > 1 && editDistance(team, other) <= allowedTypos(team))
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

/** One slip in a short name, two in a longer one. */
const allowedTypos = (name: string) => (name.length <= 4 ? 1 : 2);

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
