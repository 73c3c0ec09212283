// Discord saying no: missing permissions (403 / 50013), rate limits (429), a refused message (400 / 50035) and a
// redelivered message. Each is logged with what to do, admins are told where they can be, and the bot keeps going.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDS, ask, bodyOf, componentsOf, labelsOf, postIn, startHarness, textOf, waitForLog, waitUntil, type Harness } from './harness.js';

const MISSING_PERMISSIONS = { status: 403, code: 50013, message: 'Missing Permissions' } as const;

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close(); // also checks: no unhandled rejection, no unknown route
});

describe('Discord REST failures', () => {
  it('403 Missing Permissions on the answer: a clear log line, a notice in #agents, and the next question still works', async () => {
    const { fake, logs } = h;
    fake.failNext('POST /channels/:id/messages', MISSING_PERMISSIONS);
    const first = await ask(fake, 'How do I reset my password?');
    const refused = await fake.waitForCall('POST /channels/:id/messages', (c) => c.params.id === first.id);
    expect(refused.status).toBe(403);

    const line = await waitForLog(logs, /could not post the answer/);
    expect(line).toContain(`channel=${first.id}`);
    expect(line).toContain('code=50013');
    expect(line).toContain('Missing Permissions');
    expect(line).toMatch(/fix=.*Send Messages in Threads/);
    const notice = await postIn(fake, IDS.agentsChannel);
    expect(bodyOf(notice).content).toMatch(new RegExp(`^⚠️ threadline could not post the answer in <#${first.id}>: Missing Permissions \\(Discord code 50013\\)\\. Give the bot`));
    await waitForLog(logs, /failed to deliver a reply .*reply=answer/); // the engine recorded the failure too

    const second = await ask(fake, 'How do I reset my password?');
    expect(bodyOf(await postIn(fake, second.id)).embeds?.[0]?.title).toBe('Reset your password');
  });

  it('the admins are told once per channel and problem, not at every message', async () => {
    const { fake, logs } = h;
    fake.failNext('POST /channels/:id/messages', MISSING_PERMISSIONS); // the greeting
    const mention = await fake.sendMessage({ channelId: IDS.supportChannel, author: IDS.customer, content: `<@${IDS.bot}>` });
    await postIn(fake, IDS.agentsChannel, (b) => String(b.content).includes('Missing Permissions'));
    fake.failNext('POST /channels/:id/messages', MISSING_PERMISSIONS); // the answer, in the same thread
    await fake.sendMessage({ channelId: mention.id, author: IDS.customer, content: 'How do I reset my password?' });
    await waitUntil(() => logs.filter((l) => /could not post the/.test(l)).length === 2, 'the second failure logged');
    const notices = fake.callsTo('POST /channels/:id/messages').filter((c) => c.params.id === IDS.agentsChannel);
    expect(notices).toHaveLength(1);
  });

  it('no permission to create threads in #support: logged with the fix and reported in #agents; nothing is answered', async () => {
    const { fake, logs } = h;
    fake.failNext('POST /channels/:id/messages/:mid/threads', MISSING_PERMISSIONS);
    const question = await ask(fake, 'How do I reset my password?');
    const notice = await postIn(fake, IDS.agentsChannel);
    expect(bodyOf(notice).content).toContain(`could not start a thread for a question in <#${IDS.supportChannel}>`);
    expect(await waitForLog(logs, /could not start a thread for a question/)).toContain('code=50013');
    expect(fake.callsTo('POST /channels/:id/messages').filter((c) => c.params.id === question.id)).toEqual([]);
  });

  it("the agents channel cannot take the packet: it goes into the customer's thread with a note, and the log says why", async () => {
    await h.close();
    const gone = '200000000000000099'; // deleted, or a typo in DISCORD_AGENT_CHANNELS
    h = await startHarness({ DISCORD_AGENT_CHANNELS: `*:${gone}` });
    const { fake, logs } = h;
    expect(h.discord.setupProblems).toContain(`DISCORD_AGENT_CHANNELS: no channel ${gone} in the servers the bot is in (wrong id, or the bot was not invited to that server).`);
    const question = await ask(fake, 'I want to talk to a person');
    const refused = await fake.waitForCall('POST /channels/:id/messages', (c) => c.params.id === gone);
    expect(refused.status).toBe(404);
    const packet = await postIn(fake, question.id, (b) => labelsOf(b).includes('Claim'));
    expect(bodyOf(packet).content).toMatch(new RegExp(`^⚠️ This belongs in <#${gone}>, where I could not post \\(Unknown Channel\\)\\.\\nHandoff to \\*\\*support\\*\\*`));
    expect(textOf(bodyOf(packet))).toContain('The customer asked for a person.');
    await waitForLog(logs, new RegExp(`could not post to the agents channel; posting in the customer thread instead .*channel=${gone}`));
  });

  it('a 429 is waited out by discord.js and the answer still arrives, with a log line', async () => {
    const { fake, logs } = h;
    fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.2 });
    const question = await ask(fake, 'How do I reset my password?');
    const [limited, retried] = await fake.waitForCalls('POST /channels/:id/messages', 2, (c) => c.params.id === question.id, 3000);
    expect(limited?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect(bodyOf(retried!).embeds?.[0]?.title).toBe('Reset your password');
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(200);
    await waitForLog(logs, /rate limited; the request waits its turn/);
  });

  it('a message Discord refuses (400 Invalid Form Body) is logged with the details and sent again as plain text', async () => {
    const { fake, logs } = h;
    const errors = { embeds: { '0': { description: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 4096 or fewer in length.' }] } } } };
    fake.failNext('POST /channels/:id/messages', { status: 400, code: 50035, message: 'Invalid Form Body', errors });
    const question = await ask(fake, 'How do I reset my password?');
    const [refused, plainText] = await fake.waitForCalls('POST /channels/:id/messages', 2, (c) => c.params.id === question.id);
    expect(refused?.status).toBe(400);
    expect(bodyOf(plainText!)).toMatchObject({ embeds: [], components: [] });
    expect(bodyOf(plainText!).content).toMatch(/^Here's what I found:\n\n\*\*Reset your password\*\*\n\nIf you forgot your password/);
    expect(componentsOf(bodyOf(plainText!))).toEqual([]);
    const line = await waitForLog(logs, /Discord refused to post the answer; retrying as plain text/);
    expect(line).toContain('BASE_TYPE_MAX_LENGTH');
  });
});
