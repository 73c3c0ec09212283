import { posix } from 'node:path';
import type { Article } from './article.js';
import type { KnowledgeProblem } from './problems.js';

/**
 * One article per id. When files share an id, the one that keeps it is, in this order: the file that had it
 * while live before this reload (a new file, such as a draft, never pushes a live article out); the file
 * named after the id (refund-request.md for id refund-request); the first file by path. The others are
 * reported and left out.
 */
export function onePerId(candidates: readonly Article[], previous?: ReadonlyMap<string, Article>): { kept: Article[]; problems: KnowledgeProblem[] } {
  const byId = new Map<string, Article[]>();
  for (const article of candidates) byId.set(article.id, [...(byId.get(article.id) ?? []), article]);
  const takenIds = new Set(byId.keys());
  const left = new Set<Article>();
  const problems: KnowledgeProblem[] = [];
  for (const [id, sharing] of byId) {
    if (sharing.length < 2) continue;
    const rules = keepRules(id, previous);
    const [keeper, ...others] = [...sharing].sort((a, b) => compareBy(rules, a, b));
    for (const other of others) {
      left.add(other);
      problems.push(duplicateId(other, keeper!, rules.find((r) => r.prefer(keeper!) && !r.prefer(other))?.why ?? 'it comes first by path', takenIds));
    }
  }
  return { kept: candidates.filter((a) => !left.has(a)), problems };
}

interface KeepRule {
  prefer: (a: Article) => boolean;
  why: string;
}

function keepRules(id: string, previous: ReadonlyMap<string, Article> | undefined): KeepRule[] {
  return [
    { prefer: (a) => previous?.get(id)?.file === a.file, why: 'it was live already' },
    { prefer: (a) => posix.basename(a.file, '.md') === id, why: 'its file is named after the id' },
  ];
}

/** Rules first, then the path in code-unit order, so the choice never depends on the order files were listed in. */
function compareBy(rules: readonly KeepRule[], a: Article, b: Article): number {
  for (const rule of rules) {
    const diff = Number(rule.prefer(b)) - Number(rule.prefer(a));
    if (diff) return diff;
  }
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

function duplicateId(other: Article, keeper: Article, why: string, takenIds: ReadonlySet<string>): KnowledgeProblem {
  const ownName = posix.basename(other.file, '.md');
  const ownId = other.lines?.id
    ? `change it to an id no other file uses${takenIds.has(ownName) ? '' : ` (e.g. "id: ${ownName}", its file name)`}`
    : 'rename this file, or add an "id:" line with an id no other file uses';
  return {
    severity: 'error',
    file: other.file,
    line: other.lines?.id ?? 1,
    field: 'id',
    message: `duplicate id "${other.id}": ${keeper.file} has it too and keeps it (${why}), so this file is not loaded`,
    fix: `${ownId}; if this file should replace ${keeper.file}, delete that file or change its id`,
  };
}
