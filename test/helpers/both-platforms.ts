import { afterEach } from 'vitest';
import { IDS } from '../discord/harness.js';
import { FakeDiscord } from '../fakes/discord/index.js';
import { FakeSlack } from '../fakes/slack/index.js';
import { freePort, startThreadline, waitFor, type Started } from './child-process.js';

export interface BothPlatforms {
  discord: FakeDiscord;
  slack: FakeSlack;
  bot: Started;
}

/** Undone after each test, newest first: the bot, then the fakes (and whatever a test adds). */
export const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * `threadline start` as a user runs it, in a child process, with Slack (HTTP mode) and Discord tokens pointing at
 * fresh fakes, the lexical matcher and an in-memory store; `env` adds or overrides settings. Resolves once the
 * bot says it is running.
 */
export async function startBothPlatforms(token: string, env: Record<string, string> = {}): Promise<BothPlatforms> {
  const discord = await FakeDiscord.start({ token });
  cleanups.push(() => discord.close());
  const slack = await FakeSlack.start();
  cleanups.push(() => slack.close());
  const bot = startThreadline(['start'], {
    STORE_URL: 'memory://',
    MATCHER: 'lexical',
    DISCORD_TOKEN: token,
    DISCORD_API_URL: discord.restApi,
    DISCORD_SUPPORT_CHANNELS: IDS.supportChannel,
    DISCORD_AGENT_CHANNELS: `*:${IDS.agentsChannel}`,
    DISCORD_AGENT_ROLES: `*:${IDS.agentRole}`,
    SLACK_BOT_TOKEN: 'xoxb-both-platforms',
    SLACK_SIGNING_SECRET: 'both-platforms-secret',
    SLACK_API_URL: slack.apiUrl,
    PORT: String(await freePort()),
    ...env,
  });
  cleanups.push(bot.kill);
  await waitFor(() => /threadline is running/.test(bot.stderr()), () => `the start-up log; got:\n${bot.stderr()}`, 20_000);
  return { discord, slack, bot };
}
