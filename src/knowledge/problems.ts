/** Something wrong with a knowledge file, located precisely enough for an admin to fix it. */
export interface KnowledgeProblem {
  severity: 'error' | 'warning';
  /** Path relative to the knowledge folder. */
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** Frontmatter field the problem is about, e.g. "questions[2]". */
  field?: string;
  message: string;
  /** What to do about it. */
  fix?: string;
}

export function formatProblem(problem: KnowledgeProblem): string {
  // "." is the folder as a whole (no .md files in it): its message names the folder
  if (problem.file === '.') return `${problem.severity}: ${problem.message}${problem.fix ? ` — ${problem.fix}` : ''}`;
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  const field = problem.field ? ` (${problem.field})` : '';
  const fix = problem.fix ? ` — ${problem.fix}` : '';
  return `${problem.severity}: ${where}${field}: ${problem.message}${fix}`;
}

export const hasErrors = (problems: readonly KnowledgeProblem[]) => problems.some((p) => p.severity === 'error');
