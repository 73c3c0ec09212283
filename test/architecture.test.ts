import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'src');
const PLATFORM_SDKS = /from ['"](@slack\/[\w-]+|discord\.js|@discordjs\/[\w-]+)['"]/;
const NEUTRAL = ['engine', 'knowledge', 'matching', 'store', 'reports', 'answering'];

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('architecture', () => {
  it('keeps platform SDKs out of the engine, knowledge, matching, answering, store and reports', () => {
    const offenders = NEUTRAL.flatMap((folder) => sourceFiles(join(src, folder)))
      .filter((file) => PLATFORM_SDKS.test(readFileSync(file, 'utf8')))
      .map((file) => relative(src, file));
    expect(offenders).toEqual([]);
  });

  it('keeps source files short enough to read in one sitting', () => {
    const long = sourceFiles(src)
      .map((file) => ({ file: relative(src, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter((f) => f.lines > 400);
    expect(long).toEqual([]);
  });
});
