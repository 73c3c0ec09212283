// An admin breaks a knowledge file while the bot runs on Slack and Discord: both admins' channels (the default
// team's agents channel) are told which file, line and field is wrong; customers still get the last good
// version; fixing the file is confirmed. Runs `threadline start` in a real child process against both fakes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IDS, bodyOf, postIn } from '../discord/harness.js';
import { cleanups, startBothPlatforms } from '../helpers/both-platforms.js';

const TOKEN = 'fake-knowledge-reports-token';
const SLACK_AGENTS = 'C0AGENTS01';

const refunds = (title: string) => `---\ntitle: ${title}\nquestions:\n  - "I want my money back"\nteam: billing\n---\nWrite to billing and we refund within 5 days.\n`;
const billing = '---\ntitle: Change your plan\ntag: billing\n---\nPlans are changed under Settings → Billing.\n';

describe('knowledge problems reach the admins in chat', () => {
  it('reports problems at start, a broken edit with file, line and fix, and the fix; the last good version keeps answering', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-admin-kb-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'refunds.md'), refunds('Get a refund'));
    writeFileSync(join(dir, 'plans.md'), billing);
    const { discord, slack, bot } = await startBothPlatforms(TOKEN, { KNOWLEDGE_DIR: dir, MATCH_ANSWER_THRESHOLD: '0.3', MATCH_MARGIN: '0', SLACK_AGENT_CHANNELS: `*:${SLACK_AGENTS}` });

    const toAdmins = async (pattern: RegExp) => {
      const onSlack = await slack.waitForCall('chat.postMessage', (c) => c.args.channel === SLACK_AGENTS && pattern.test(String(c.args.text)), 10_000);
      const onDiscord = await postIn(discord, IDS.agentsChannel, (body) => pattern.test(body.content ?? ''), 10_000);
      return { slack: String(onSlack.args.text), discord: bodyOf(onDiscord).content ?? '' };
    };

    // at start: the unknown key in plans.md, with the key it probably meant
    const atStart = await toAdmins(/started with problems/);
    for (const text of [atStart.slack, atStart.discord]) expect(text).toMatch(/plans\.md.*tag.*did you mean "tags"/);

    // an edit breaks refunds.md: the admins learn where and how to fix it, and that the old version stays live
    writeFileSync(join(dir, 'refunds.md'), refunds('Get a refund v2').replace('  - "I want my money back"', '  - "I want my money back'));
    const broken = await toAdmins(/need a fix/);
    for (const text of [broken.slack, broken.discord]) {
      expect(text).toMatch(/error: refunds\.md:\d+.*invalid YAML/);
      expect(text).toContain('the last good version of this file stays live until it is fixed');
    }
    const question = await discord.sendMessage({ channelId: IDS.supportChannel, author: IDS.customer, content: 'I want my money back' });
    expect(bodyOf(await postIn(discord, question.id, () => true, 10_000)).embeds?.[0]?.title).toBe('Get a refund');

    writeFileSync(join(dir, 'refunds.md'), refunds('Get a refund v3'));
    const fixed = await toAdmins(/Knowledge fixed/);
    for (const text of [fixed.slack, fixed.discord]) expect(text).toContain('refunds.md');
    expect(bot.stderr()).not.toMatch(/could not tell the admins/);
  }, 60_000);
});
