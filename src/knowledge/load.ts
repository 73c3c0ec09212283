import { stat } from 'node:fs/promises';
import { assembleKnowledgeBase, type KnowledgeBase } from './knowledge-base.js';
import { parseArticleFile } from './parse-file.js';
import { listMarkdownFiles, readFiles } from './scan.js';
import type { Article } from './article.js';
import type { KnowledgeProblem } from './problems.js';

/**
 * Loads every article below `dir` once. Bad files are left out and reported in `problems`. `knownTeams`: the
 * teams the settings name, so a near-miss spelling of one is reported.
 */
export async function loadKnowledge(dir: string, knownTeams: readonly string[] = [], fix?: string): Promise<KnowledgeBase> {
  await assertDirectory(dir, fix);
  const files = await listMarkdownFiles(dir);
  const texts = await readFiles(dir, files);
  const articles: Article[] = [];
  const problems: KnowledgeProblem[] = [];
  for (const [file, text] of texts) {
    const parsed = parseArticleFile(file, text);
    if (parsed.article) articles.push(parsed.article);
    problems.push(...parsed.problems);
  }
  if (files.length === 0) {
    problems.push({ severity: 'error', file: '.', message: `no .md files in ${dir}`, fix: 'add articles, e.g. knowledge/reset-password.md' });
  }
  return assembleKnowledgeBase(articles, problems, undefined, knownTeams);
}

/** `fix` says where the folder came from when it is not KNOWLEDGE_DIR (a command-line argument). */
export async function assertDirectory(dir: string, fix = 'set KNOWLEDGE_DIR or create it'): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new Error(`knowledge folder "${dir}" does not exist or is not a folder — ${fix}`);
  }
}
