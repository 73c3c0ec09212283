import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChatPromptTemplate } from '@langchain/core/prompts';

/** A prompt file that cannot be used; the message names the file and what to fix. */
export class PromptFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'PromptFileError';
  }
}

const SECTION = /^##\s+(system|user)\s*$/gim;

/**
 * Loads a prompt from PROMPTS_DIR: the text under `## system` becomes the system message (the rules),
 * the text under `## user` the user message (the delimited data). Placeholders are `{name}`; a literal
 * brace is written `{{` or `}}`. The file must use exactly the placeholders the code fills in, so an
 * edit that drops the articles or adds an unknown field fails at start, not in front of a customer.
 */
export function loadPromptFile(dir: string, name: string, placeholders: readonly string[]): ChatPromptTemplate {
  const file = join(dir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PromptFileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); LLM mode needs it`);
  }
  const sections = splitSections(text.replace(/<!--[\s\S]*?-->/g, ''));
  const problems: string[] = [];
  for (const role of ['system', 'user'] as const) if (!sections[role]) problems.push(`needs a "## ${role}" section with text under it`);
  if (problems.length) throw new PromptFileError(file, problems.join('; '));

  let prompt: ChatPromptTemplate;
  try {
    prompt = ChatPromptTemplate.fromMessages([['system', sections.system!], ['human', sections.user!]]);
  } catch (error) {
    throw new PromptFileError(file, `is not a valid template (write a literal brace as {{ or }}): ${(error as Error).message}`);
  }
  const used = new Set(prompt.inputVariables);
  const missing = placeholders.filter((p) => !used.has(p));
  const unknown = [...used].filter((p) => !placeholders.includes(p));
  if (missing.length) problems.push(`must use ${missing.map((p) => `{${p}}`).join(', ')}`);
  if (unknown.length) problems.push(`uses unknown placeholder(s) ${unknown.map((p) => `{${p}}`).join(', ')}; available: ${placeholders.map((p) => `{${p}}`).join(', ')}`);
  if (problems.length) throw new PromptFileError(file, problems.join('; '));
  return prompt;
}

function splitSections(text: string): Partial<Record<'system' | 'user', string>> {
  const out: Partial<Record<'system' | 'user', string>> = {};
  const marks = [...text.matchAll(SECTION)];
  marks.forEach((mark, i) => {
    const start = mark.index + mark[0].length;
    const end = marks[i + 1]?.index ?? text.length;
    const body = text.slice(start, end).trim();
    if (body) out[mark[1]!.toLowerCase() as 'system' | 'user'] = body;
  });
  return out;
}
