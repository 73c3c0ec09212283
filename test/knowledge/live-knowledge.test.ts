import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveKnowledge, type KnowledgeChange } from '../../src/knowledge/live-knowledge.js';

const good = (title: string) => `---\ntitle: ${title}\n---\nAnswer for ${title}.\n`;
const live: LiveKnowledge[] = [];
afterEach(() => live.splice(0).forEach((k) => k.stop()));

function start(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'threadline-live-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const knowledge = new LiveKnowledge(dir, { debounceMs: 50 });
  live.push(knowledge);
  const changes: KnowledgeChange[] = [];
  knowledge.onChange((c) => void changes.push(c));
  return { dir, knowledge, changes };
}

/** File events arrive asynchronously (and sometimes more than once per write): wait for the outcome. */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 25 });

describe('hot reload of the knowledge folder', () => {
  it('follows an edit from good to bad to good, keeping the last good version live meanwhile', async () => {
    const { dir, knowledge, changes } = start({ 'refunds.md': good('Refunds v1'), 'other.md': good('Other') });
    await knowledge.start();
    expect(knowledge.knowledge.byId.get('refunds')?.title).toBe('Refunds v1');

    writeFileSync(join(dir, 'refunds.md'), '---\ntitle: Refunds v2\nquestions: [unclosed\n---\nbody\n');
    await eventually(() => expect(knowledge.knowledge.problems).toHaveLength(2));
    expect(knowledge.knowledge.problems.map((p) => [p.severity, p.file, p.line])).toEqual([
      ['error', 'refunds.md', 3],
      ['warning', 'refunds.md', undefined],
    ]);
    expect(knowledge.knowledge.problems[1]?.message).toBe('the last good version of this file stays live until it is fixed');
    expect(changes.at(-1)?.changed).toEqual(['refunds.md']);
    expect(changes.at(-1)?.newProblems).toHaveLength(2);
    expect(knowledge.knowledge.byId.get('refunds')?.title).toBe('Refunds v1');
    expect(knowledge.knowledge.articles).toHaveLength(2);

    writeFileSync(join(dir, 'refunds.md'), good('Refunds v3'));
    await eventually(() => expect(knowledge.knowledge.byId.get('refunds')?.title).toBe('Refunds v3'));
    expect(knowledge.knowledge.problems).toEqual([]);
    expect(changes.at(-1)).toMatchObject({ changed: ['refunds.md'], newProblems: [], fixed: ['refunds.md'], gone: [] });

    // broken again, then deleted instead of fixed: its problems are gone with it
    writeFileSync(join(dir, 'refunds.md'), '---\ntitle: Refunds v4\nquestions: [unclosed\n---\nbody\n');
    await eventually(() => expect(knowledge.knowledge.problems).toHaveLength(2));
    rmSync(join(dir, 'refunds.md'));
    await eventually(() => expect(knowledge.knowledge.problems).toEqual([]));
    expect(changes.at(-1)).toMatchObject({ removed: ['refunds.md'], fixed: [], gone: ['refunds.md'] });
  });

  it('reports a question that an edit makes collide with another article in the edited file, at its line', async () => {
    const withQuestion = (title: string, question: string) => `---\ntitle: ${title}\nquestions: ["${question}"]\n---\nAnswer.\n`;
    const { dir, knowledge, changes } = start({ 'refunds.md': withQuestion('Refunds', 'I was charged twice'), 'billing.md': good('Billing') });
    await knowledge.start();
    expect(changes.at(-1)?.newProblems).toEqual([]);

    // billing.md comes first by path, but refunds.md had the question first: the edit is what should change
    writeFileSync(join(dir, 'billing.md'), withQuestion('Billing', 'I was charged TWICE!'));
    await eventually(() => expect(changes.at(-1)?.changed).toEqual(['billing.md']));
    expect(changes.at(-1)?.newProblems).toEqual([
      expect.objectContaining({ severity: 'error', file: 'billing.md', line: 3, field: 'questions[0]', message: expect.stringContaining('also a question of refunds.md') }),
    ]);

    writeFileSync(join(dir, 'billing.md'), good('Billing'));
    await eventually(() => expect(changes.at(-1)?.fixed).toEqual(['billing.md']));
    expect(changes.at(-1)?.newProblems).toEqual([]);
  });

  it('keeps the live article when a new file takes its id, and reports the newcomer', async () => {
    const withId = (title: string) => `---\nid: refund-request\ntitle: ${title}\n---\nAnswer for ${title}.\n`;
    const { dir, knowledge, changes } = start({ 'refunds.md': withId('Request a refund') });
    await knowledge.start();

    // by path alone a-draft.md would come first; being live already is what keeps refunds.md
    writeFileSync(join(dir, 'a-draft.md'), withId('Draft'));
    await eventually(() => expect(changes.at(-1)?.added).toEqual(['a-draft.md']));
    expect(knowledge.knowledge.byId.get('refund-request')?.title).toBe('Request a refund');
    expect(changes.at(-1)?.newProblems).toEqual([
      expect.objectContaining({ severity: 'error', file: 'a-draft.md', line: 2, field: 'id', message: expect.stringContaining('refunds.md has it too and keeps it (it was live already)') }),
    ]);
  });

  it('follows every atomic save (a copy renamed over the file, as editors and sed -i do), in subfolders too', async () => {
    const { dir, knowledge } = start({});
    mkdirSync(join(dir, 'billing'));
    writeFileSync(join(dir, 'billing', 'refunds.md'), good('Refunds v1'));
    await knowledge.start();
    const saveAtomically = (file: string, title: string) => {
      writeFileSync(join(dir, `${file}.swp`), good(title));
      renameSync(join(dir, `${file}.swp`), join(dir, file));
    };
    for (const version of ['v2', 'v3', 'v4']) {
      saveAtomically('billing/refunds.md', `Refunds ${version}`);
      await eventually(() => expect(knowledge.knowledge.byId.get('refunds')?.title).toBe(`Refunds ${version}`));
    }

    // a folder made while running is watched too
    mkdirSync(join(dir, 'accounts'));
    writeFileSync(join(dir, 'accounts', 'close-account.md'), good('Close v1'));
    await eventually(() => expect(knowledge.knowledge.byId.get('close-account')?.title).toBe('Close v1'));
    for (const version of ['v2', 'v3']) {
      saveAtomically('accounts/close-account.md', `Close ${version}`);
      await eventually(() => expect(knowledge.knowledge.byId.get('close-account')?.title).toBe(`Close ${version}`));
    }
  });

  it('adds new files and drops deleted ones', async () => {
    const { dir, knowledge, changes } = start({ 'a.md': good('A') });
    await knowledge.start();
    expect(changes.splice(0).map((c) => c.added)).toEqual([['a.md']]); // the first load counts as adding everything
    writeFileSync(join(dir, 'b.md'), good('B'));
    await eventually(() => expect(knowledge.knowledge.articles.map((a) => a.id)).toEqual(['a', 'b']));
    expect(changes.flatMap((c) => c.added)).toEqual(['b.md']);

    rmSync(join(dir, 'a.md'));
    await eventually(() => expect(knowledge.knowledge.articles.map((a) => a.id)).toEqual(['b']));
    expect(changes.flatMap((c) => c.removed)).toEqual(['a.md']);
  });

  it('a file that is bad from the start is reported and left out', async () => {
    const { knowledge } = start({ 'a.md': good('A'), 'b.md': '---\nquestions: []\n---\nbody\n' });
    const kb = await knowledge.start({ watch: false });
    expect(kb.articles.map((a) => a.id)).toEqual(['a']);
    expect(kb.problems[0]).toMatchObject({ file: 'b.md', field: 'title' });
  });
});
