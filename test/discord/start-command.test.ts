// `npm start` (threadline start) with a Discord token, in a real child process: Discord connects beside Slack in
// one process, answers a question, and shuts down cleanly on SIGTERM.
import { describe, expect, it } from 'vitest';
import { startBothPlatforms } from '../helpers/both-platforms.js';
import { IDS, bodyOf, postIn } from './harness.js';

const TOKEN = 'fake-start-token';

describe('threadline start with DISCORD_TOKEN', () => {
  it('runs Discord beside Slack in one process, answers, and stops on SIGTERM', async () => {
    const { discord, bot } = await startBothPlatforms(TOKEN, { MATCH_ANSWER_THRESHOLD: '0.5', MATCH_SUGGEST_THRESHOLD: '0.2', MATCH_MARGIN: '0.1' });
    const stderr = bot.stderr;
    expect(stderr()).toMatch(/threadline is running .*platforms=slack,discord/);
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
