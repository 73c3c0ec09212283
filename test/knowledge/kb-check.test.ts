import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

async function kbCheck(dir?: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run('node', [join(root, 'bin/threadline.js'), 'kb', 'check', ...(dir ? [dir] : [])], { cwd: root });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe('threadline kb check', () => {
  it('passes the sample knowledge base with a summary of articles, questions and teams', async () => {
    const { code, stdout } = await kbCheck('knowledge');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^knowledge: (\d+) articles, (\d+) questions, (\d+) teams \(accounts, billing, security, technical\)$/m);
    const [, articles, questions] = /(\d+) articles, (\d+) questions/.exec(stdout)!;
    expect(Number(articles)).toBeGreaterThanOrEqual(30);
    expect(Number(questions)).toBeGreaterThanOrEqual(150);
    expect(stdout).toMatch(/always hand off/);
    expect(stdout.trim().endsWith('OK')).toBe(true);
  });

  it('prints exactly the summary the README shows', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const shown = /prints a summary:\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(shown).toBeDefined();
    expect((await kbCheck()).stdout).toBe(shown);
  });

  it('an empty folder: one error naming the folder, and the bot has nothing to answer from', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'threadline-empty-kb-'));
    const { code, stdout } = await kbCheck(empty);
    expect(code).toBe(1);
    expect(stdout).toContain(`error: no .md files in ${empty} — add articles`);
    expect(stdout.trim().split('\n').at(-1)).toBe('1 error, 0 warnings: fix the errors above; until then the bot has no articles to answer from');
  });

  it('a folder given on the command line that does not exist is named as the one given', async () => {
    const missing = join(tmpdir(), 'threadline-no-such-kb');
    const failed = await run('node', [join(root, 'bin/threadline.js'), 'kb', 'check', missing], { cwd: root }).catch((e: { stderr: string }) => e);
    expect((failed as { stderr: string }).stderr).toContain(`knowledge folder "${missing}" does not exist or is not a folder — check the folder given to kb check`);
  });

  it('counts one of a kind in the singular', async () => {
    const one = mkdtempSync(join(tmpdir(), 'threadline-kbcheck-'));
    writeFileSync(join(one, 'refunds.md'), '---\ntitle: Refunds\nquestions: ["money back"]\nteam: billing\nhandoff: true\n---\nA person handles refunds.\n');
    writeFileSync(join(one, 'odd.md'), '---\ntitle: Odd\ncolour: blue\n---\nx\n');
    const { stdout } = await kbCheck(one);
    expect(stdout).toContain(`${one}: 2 articles, 1 question, 1 team (billing)\n  1 always hands off, 1 without a team (routed to the default team)\nOK with 1 warning\n`);
  });

  it('exits 1 on a copy with a broken file, naming the file and line', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'threadline-kbcheck-'));
    cpSync(join(root, 'knowledge'), copy, { recursive: true });
    writeFileSync(join(copy, 'billing', 'broken.md'), '---\ntitle: Broken\nquestions:\n  - "unclosed\n---\nbody\n');
    const { code, stdout } = await kbCheck(copy);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^error: billing\/broken\.md:\d+: invalid YAML/m);
    expect(stdout).toMatch(/1 error, 0 warnings: fix the errors above; until then the bot leaves out billing\/broken\.md$/m);
  });

  it('says every file still loads when the only error is a question asked in two articles', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'threadline-kbcheck-'));
    cpSync(join(root, 'knowledge'), copy, { recursive: true });
    writeFileSync(join(copy, 'billing', 'refunds-faq.md'), '---\ntitle: Refunds FAQ\nquestions:\n  - "I want a refund"\n---\nAsk billing.\n');
    const { code, stdout } = await kbCheck(copy);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^error: billing\/refunds-faq\.md:4 \(questions\[0\]\): "I want a refund" is also a question of billing\/refund-request\.md:4 \(refund-request\)/m);
    expect(stdout).toMatch(/fix the errors above; every file still loads meanwhile$/m);
  });
});
