// `npm start` (threadline start) with a Discord token, in a real child process: Discord connects beside Slack in
// one process, answers a question, and shuts down cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord/index.js';
import { FakeSlack } from '../fakes/slack/index.js';
import { IDS, bodyOf, postIn } from './harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TOKEN = 'fake-start-token';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('threadline start with DISCORD_TOKEN', () => {
  it('runs Discord beside Slack in one process, answers, and stops on SIGTERM', async () => {
    const discord = await FakeDiscord.start({ token: TOKEN });
    cleanups.push(() => discord.close());
    const slack = await FakeSlack.start();
    cleanups.push(() => slack.close());
    const child = spawn(process.execPath, ['bin/threadline.js', 'start'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        STORE_URL: 'memory://',
        MATCHER: 'lexical',
        MATCH_ANSWER_THRESHOLD: '0.5',
        MATCH_SUGGEST_THRESHOLD: '0.2',
        MATCH_MARGIN: '0.1',
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: discord.restApi,
        DISCORD_SUPPORT_CHANNELS: IDS.supportChannel,
        DISCORD_AGENT_CHANNELS: `*:${IDS.agentsChannel}`,
        DISCORD_AGENT_ROLES: `*:${IDS.agentRole}`,
        SLACK_BOT_TOKEN: 'xoxb-start-test',
        SLACK_SIGNING_SECRET: 'start-test-secret',
        SLACK_API_URL: slack.apiUrl,
        PORT: String(await freePort()),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    });

    await waitFor(() => /threadline is running .*platforms=slack,discord/.test(stderr), () => `the start-up log; got:\n${stderr}`, 20_000);
    expect(stderr).toContain('discord: connected');
    const question = await discord.sendMessage({ channelId: IDS.supportChannel, author: IDS.customer, content: 'How do I reset my password?' });
    expect(bodyOf(await postIn(discord, question.id, () => true, 10_000)).embeds?.[0]?.title).toBe('Reset your password');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('shutting down');
    expect(stderr).not.toMatch(/unhandled|ERROR/i);
    expect(stderr).not.toContain(TOKEN);
  }, 40_000);
});

async function waitFor(check: () => boolean, what: () => string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
