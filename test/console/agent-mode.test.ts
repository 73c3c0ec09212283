// In the console one person plays both roles; typing a button's label as the agent where no such button
// shows must not turn "claim" into a question of the agent's own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startThreadline } from '../helpers/child-process.js';

describe('console agent mode', () => {
  it('"claim" and "resolve" with no conversation waiting are refused, not asked as questions', async () => {
    const store = `sqlite://${join(mkdtempSync(join(tmpdir(), 'threadline-console-agent-')), 'store.sqlite')}`;
    const bot = startThreadline(['start'], { STORE_URL: store, MATCHER: 'lexical', THREADLINE_CONSOLE_NAME: 'Dana' });
    let stdout = '';
    bot.child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    bot.child.stdin.end(['/agent', 'claim', 'Resolve.', ''].join('\n'));
    expect(await bot.exited).toBe(0);

    const replies = stdout.split('\n').filter((line) => line.startsWith('bot') || line.startsWith('['));
    expect(replies).toHaveLength(2);
    for (const reply of replies) expect(reply).toMatch(/^bot \(to Console Agent only\)> /);
    expect(stdout).not.toContain('agents] Handoff');
  }, 30_000);
});
