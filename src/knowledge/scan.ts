import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Every `*.md` file below `dir`, as paths relative to it with forward slashes, sorted. Dot-folders are skipped. */
export async function listMarkdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.md') && e.name.toLowerCase() !== 'readme.md')
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((file) => !file.split('/').some((part) => part.startsWith('.')))
    .sort();
}

export async function readFiles(dir: string, files: readonly string[]): Promise<Map<string, string>> {
  const texts = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
  return new Map(files.map((f, i) => [f, texts[i] ?? '']));
}
