import type { KnowledgeChange } from '../knowledge/live-knowledge.js';
import { formatProblem, type KnowledgeProblem } from '../knowledge/problems.js';
import { fill, type Texts } from './texts.js';
import type { Reply } from './types.js';

/** The problem list stops here (a chat message, not a report: `kb check` has the rest); fits Discord's 2,000. */
const MAX_LIST_CHARS = 1400;
const MAX_LINE_CHARS = 300;

/**
 * What the admins are told after the knowledge folder was (re)loaded: the problems the reload brought up,
 * naming file, line, field and fix as `kb check` does, and the files that are fine again. Empty when there
 * is nothing to tell.
 */
export function knowledgeReports(change: Pick<KnowledgeChange, 'newProblems' | 'fixed'> & Partial<Pick<KnowledgeChange, 'gone'>>, texts: Texts['knowledge'], { atStart = false } = {}): Reply[] {
  const replies: Reply[] = [];
  if (change.newProblems.length) {
    const template = atStart ? texts.problems_at_start : texts.problems;
    replies.push({ kind: 'text', text: fill(template, { count: change.newProblems.length, problems: problemList(change.newProblems) }) });
  }
  if (change.fixed.length) replies.push({ kind: 'text', text: fill(texts.fixed, { files: change.fixed.join(', ') }) });
  // a broken file deleted instead of fixed: the warning about it is over too
  if (change.gone?.length) replies.push({ kind: 'text', text: fill(texts.gone, { files: change.gone.join(', ') }) });
  return replies;
}

/** Errors first, one line each, cut to fit; "…and N more" says how many were left out. */
function problemList(problems: readonly KnowledgeProblem[]): string {
  const ordered = [...problems].sort((a, b) => rank(a) - rank(b));
  const lines: string[] = [];
  let length = 0;
  for (const problem of ordered) {
    const line = `• ${cut(formatProblem(problem))}`;
    if (lines.length && length + line.length > MAX_LIST_CHARS) break;
    lines.push(line);
    length += line.length + 1;
  }
  const left = ordered.length - lines.length;
  if (left) lines.push(`• …and ${left} more`);
  return lines.join('\n');
}

const rank = (p: KnowledgeProblem) => (p.severity === 'error' ? 0 : 1);
const cut = (text: string) => (text.length <= MAX_LINE_CHARS ? text : `${text.slice(0, MAX_LINE_CHARS - 1).trimEnd()}…`);
