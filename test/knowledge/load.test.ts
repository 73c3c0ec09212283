import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { formatProblem } from '../../src/knowledge/problems.js';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'threadline-kb-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
const md = (title: string, questions: string[] = [], extra = '') => `---\ntitle: ${title}\nquestions:\n${questions.map((q) => `  - "${q}"`).join('\n') || '  []'}\n${extra}---\nBody of ${title}.\n`;

describe('loading a knowledge folder', () => {
  it('reads every markdown file below it, in subfolders too, and lists the teams', async () => {
    const kb = await loadKnowledge(folder({ 'a.md': md('A', [], 'team: billing\n'), 'sub/b.md': md('B', [], 'team: accounts\n'), 'README.md': 'not an article', 'notes.txt': 'x' }));
    expect(kb.articles.map((a) => [a.id, a.file])).toEqual([['a', 'a.md'], ['b', 'sub/b.md']]);
    expect(kb.teams).toEqual(['accounts', 'billing']);
    expect(kb.problems).toEqual([]);
  });

  it('reports duplicate ids, keeping the first file', async () => {
    const kb = await loadKnowledge(folder({ 'billing/refunds.md': md('Refunds'), 'accounts/refunds.md': md('Account refunds') }));
    expect(kb.articles.map((a) => a.file)).toEqual(['accounts/refunds.md']);
    expect(kb.problems.map(formatProblem)).toEqual([
      'error: billing/refunds.md:1 (id): duplicate id "refunds": accounts/refunds.md already uses it; this file is not loaded — rename the file or set a different "id:" in its frontmatter',
    ]);
  });

  it('reports the same question in two articles, ignoring case and punctuation', async () => {
    const kb = await loadKnowledge(folder({ 'a.md': md('A', ['Has my top-up gone through?']), 'b.md': md('B', ['has my top up gone through']) }));
    expect(kb.problems).toEqual([
      expect.objectContaining({ severity: 'error', file: 'b.md', field: 'questions', message: expect.stringContaining('is also a question of a.md (a)') }),
    ]);
  });

  it('leaves a bad file out and keeps the rest', async () => {
    const kb = await loadKnowledge(folder({ 'good.md': md('Good'), 'bad.md': '---\ntitle: [unclosed\n---\nx\n' }));
    expect(kb.articles.map((a) => a.id)).toEqual(['good']);
    expect(kb.problems[0]).toMatchObject({ severity: 'error', file: 'bad.md', line: 2 });
  });

  it('fails clearly when the folder does not exist', async () => {
    await expect(loadKnowledge('/nonexistent/knowledge')).rejects.toThrow('knowledge folder "/nonexistent/knowledge" does not exist or is not a folder — set KNOWLEDGE_DIR or create it');
  });
});
