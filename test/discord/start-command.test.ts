// `npm start` (threadline start) with a Discord token, in a real child process: Discord connects beside Slack in
// one process, answers a question, and shuts down cleanly on SIGTERM.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord/index.js';
import { FakeSlack } from '../fakes/slack/index.js';
import { freePort, startThreadline, waitFor } from '../helpers/child-process.js';
import { IDS, bodyOf, postIn } from './harness.js';

const TOKEN = 'fake-start-token';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('threadline start with DISCORD_TOKEN', () => {
  it('runs Discord beside Slack in one process, answers, and stops on SIGTERM', async () => {
    const discord = await FakeDiscord.start({ token: TOKEN });
    cleanups.push(() => discord.close());
    const slack = await FakeSlack.start();
    cleanups.push(() => slack.close());
    const bot = startThreadline(['start'], {
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
    });
    cleanups.push(bot.kill);
    const stderr = bot.stderr;

    await waitFor(() => /threadline is running .*platforms=slack,discord/.test(stderr()), () => `the start-up log; got:\n${stderr()}`, 20_000);
    expect(stderr()).toContain('discord: connected');
    const question = await discord.sendMessage({ channelId: IDS.supportChannel, author: IDS.customer, content: 'How do I reset my password?' });
    expect(bodyOf(await postIn(discord, question.id, () => true, 10_000)).embeds?.[0]?.title).toBe('Reset your password');

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(stderr()).toContain('shutting down');
    expect(stderr()).not.toMatch(/unhandled|ERROR/i);
    expect(stderr()).not.toContain(TOKEN);
  }, 40_000);
});
