import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** One labelled question: the article id that should answer it, or null when a person should. */
export const evalCaseSchema = z.object({
  text: z.string({ error: '"text" must be a string' }).trim().min(1, '"text" must not be empty'),
  expect: z.string({ error: '"expect" must be an article id or null' }).trim().min(1, '"expect" must not be empty').nullable(),
});

export type EvalCase = z.infer<typeof evalCaseSchema>;

export class CasesFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.length === 1 ? problems[0] : `${file} has ${problems.length} bad lines:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'CasesFileError';
  }
}

/** Parses cases.jsonl text; blank lines are skipped. Throws one CasesFileError naming every bad line. */
export function parseCases(text: string, file = 'cases.jsonl'): EvalCase[] {
  const cases: EvalCase[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push(`${where}: not valid JSON — each line must be like {"text": "How do I …?", "expect": "article-id"}`);
      return;
    }
    const parsed = evalCaseSchema.safeParse(json);
    if (parsed.success) cases.push(parsed.data);
    else problems.push(`${where}: ${parsed.error.issues.map((issue) => (issue.path.length ? issue.message : 'each line must be a JSON object with "text" and "expect"')).join('; ')}`);
  });
  if (problems.length) throw new CasesFileError(file, problems);
  if (!cases.length) throw new CasesFileError(file, [`${file}: no cases found`]);
  return cases;
}

export async function readCases(file: string): Promise<EvalCase[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new CasesFileError(file, [`${file} not found: a set folder holds knowledge/ and cases.jsonl`]);
    throw error;
  });
  return parseCases(text, file);
}
