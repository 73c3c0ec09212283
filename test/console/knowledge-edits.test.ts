// Trying threadline with no tokens, an admin edits an article while the console chat runs: the chat shows
// what Slack/Discord admins would be told ([admins] lines), and questions keep the last good version.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, startThreadline, waitFor, type Started } from '../helpers/child-process.js';

let bot: Started | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await bot?.kill();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the console chat while knowledge files are edited', () => {
  it('shows a broken edit and its fix as [admins] messages, and keeps answering from the last good version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-console-kb-'));
    dirs.push(dir);
    cpSync(join(ROOT, 'knowledge'), join(dir, 'knowledge'), { recursive: true });
    const article = join(dir, 'knowledge', 'accounts', 'reset-password.md');
    const good = readFileSync(article, 'utf8');
    bot = startThreadline(['start'], { KNOWLEDGE_DIR: join(dir, 'knowledge'), STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`, MATCHER: 'lexical', THREADLINE_CONSOLE_NAME: 'Dana' });
    let stdout = '';
    bot.child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    const shown = (text: string) => waitFor(() => stdout.includes(text), () => `"${text}" in the chat; it shows:\n${stdout}\nlog:\n${bot!.stderr()}`, 15_000);
    await shown('threadline console');

    writeFileSync(article, good.replace(/^title: .*$/m, 'title: "Reset your password'));
    await shown('[admins] ⚠️ Knowledge files need a fix');
    expect(stdout).toMatch(/error: accounts\/reset-password\.md:\d+.*invalid YAML/);
    expect(stdout).toContain('the last good version of this file stays live until it is fixed');

    bot.child.stdin.write('How do I reset my password?\n');
    await shown('Source: Reset your password');

    writeFileSync(article, good);
    await shown('[admins] ✅ Knowledge fixed: accounts/reset-password.md');

    bot.child.stdin.end();
    expect(await bot.exited).toBe(0);
  }, 60_000);
});
