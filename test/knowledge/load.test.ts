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

  it('on a duplicate id keeps the file named after the id, even when a draft comes first by path', async () => {
    const kb = await loadKnowledge(folder({ 'billing/a-draft.md': md('Draft', [], 'id: refund-request\n'), 'billing/refund-request.md': md('Request a refund') }));
    expect(kb.byId.get('refund-request')?.file).toBe('billing/refund-request.md');
    expect(kb.articles.map((a) => a.file)).toEqual(['billing/refund-request.md']);
    expect(kb.problems.map(formatProblem)).toEqual([
      'error: billing/a-draft.md:5 (id): duplicate id "refund-request": billing/refund-request.md has it too and keeps it (its file is named after the id), so this file is not loaded — change it to an id no other file uses (e.g. "id: a-draft", its file name); if this file should replace billing/refund-request.md, delete that file or change its id',
    ]);
  });

  it('on a duplicate id that neither file is named after keeps the first by path', async () => {
    const kb = await loadKnowledge(folder({ 'billing/refunds.md': md('Refunds'), 'accounts/refunds.md': md('Account refunds') }));
    expect(kb.articles.map((a) => a.file)).toEqual(['accounts/refunds.md']);
    expect(kb.problems.map(formatProblem)).toEqual([
      'error: billing/refunds.md:1 (id): duplicate id "refunds": accounts/refunds.md has it too and keeps it (it comes first by path), so this file is not loaded — rename this file, or add an "id:" line with an id no other file uses; if this file should replace accounts/refunds.md, delete that file or change its id',
    ]);
  });

  it('reports the same question in two articles, ignoring case and punctuation, at its line in the later file', async () => {
    const kb = await loadKnowledge(folder({ 'a.md': md('A', ['Has my top-up gone through?']), 'b.md': md('B', ['refund', 'has my top up gone through']) }));
    expect(kb.articles.map((a) => a.file)).toEqual(['a.md', 'b.md']);
    expect(kb.problems.map(formatProblem)).toEqual([
      'error: b.md:5 (questions[1]): "has my top up gone through" is also a question of a.md:4 (a); the bot cannot tell which of the two articles answers it — delete or reword this question; it stays in a.md',
    ]);
  });

  it('reports a question that repeats another article\'s title in the file with the question', async () => {
    const kb = await loadKnowledge(folder({ 'a.md': md('A', ['Request a refund']), 'b.md': md('Request a refund') }));
    expect(kb.problems).toEqual([expect.objectContaining({ file: 'a.md', line: 4, field: 'questions[0]', message: expect.stringContaining('is also the title of b.md:2 (b)') })]);
  });

  it('warns about a team only one article uses that is spelled almost like another team', async () => {
    const kb = await loadKnowledge(folder({
      'a.md': md('A', [], 'team: billing\n'),
      'b.md': md('B', [], 'team: billing\n'),
      'c.md': md('C', [], 'team: biling\n'),
      'd.md': md('D', [], 'team: legal\n'), // used once too, but like no other team: a real team
    }));
    expect(kb.teams).toEqual(['biling', 'billing', 'legal']);
    expect(kb.problems.map(formatProblem)).toEqual([
      'warning: c.md:5 (team): team "biling" is used by no other article, so it becomes a team of its own — did you mean billing? (2 articles use it)',
    ]);
  });

  it('warns about a team spelled almost like one the settings name (the default team, a team with agents)', async () => {
    const kb = await loadKnowledge(folder({ 'a.md': md('A', [], 'team: suport\n'), 'b.md': md('B', [], 'team: security\n') }), ['support', 'security']);
    expect(kb.problems.map(formatProblem)).toEqual([
      'warning: a.md:5 (team): team "suport" is used by no other article, so it becomes a team of its own — did you mean support? (the settings name it)',
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
