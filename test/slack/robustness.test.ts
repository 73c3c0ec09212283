// Slack's redeliveries, rate limits and refused messages: one reply per question, and the customer
// still hears back when Slack says no to the first try.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENTS_CHANNEL, CUSTOMER, OTHER_CHANNEL, SUPPORT_CHANNEL, buttonsOf, customerMessage, fakeOptions, replyIn, startHarness, textOf, waitForLog, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('Slack robustness', () => {
  it('an event delivered twice (X-Slack-Retry-Num) gets one reply', async () => {
    const { fake, sender, logs } = h;
    const envelope = fake.fixtures.eventCallback(customerMessage(fake, { text: 'How do I reset my password?' }));
    expect((await sender.sendEvent(envelope)).status).toBe(200);
    await replyIn(fake, String(envelope.event.ts));
    expect((await sender.sendEvent(envelope, { retryNum: 1, retryReason: 'http_timeout' })).status).toBe(200);

    // The engine saw the redelivery and dropped it: only then is "one reply" a finished fact.
    await waitForLog(logs, new RegExp(`ignored a repeated delivery .*${envelope.event.ts}`));
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === envelope.event.ts)).toHaveLength(1);
  });

  it('a mention in a support channel arrives as message and app_mention with one ts: one reply', async () => {
    const { fake, sender, logs } = h;
    const text = `<@${fake.config.botUserId}> How do I reset my password?`;
    const message = customerMessage(fake, { text });
    const mention = fake.fixtures.appMentionEvent({ text, ts: String(message.ts), channel: SUPPORT_CHANNEL });
    await sender.sendEvent(message);
    await sender.sendEvent(mention);
    const answer = await replyIn(fake, String(message.ts));
    expect(textOf(answer.args)).toContain('Reset your password');
    await waitForLog(logs, new RegExp(`ignored a repeated delivery .*${message.ts}`));
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === message.ts)).toHaveLength(1);
  });

  it('a 429 on chat.postMessage is retried after Retry-After and the answer still arrives', async () => {
    const { fake, sender, logs } = h;
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const question = customerMessage(fake, { text: 'How do I reset my password?' });
    await sender.sendEvent(question);
    const [limited, retried] = await fake.waitForCalls('chat.postMessage', 2, 5000);
    expect(limited?.status).toBe(429);
    expect(retried?.args).toMatchObject({ thread_ts: question.ts, channel: SUPPORT_CHANNEL });
    expect(retried?.response).toMatchObject({ ok: true });
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeLessThan(1800); // no 1–2 s default backoff on top
    await waitForLog(logs, /rate limited; retrying .*retryAfterSeconds=1 method=chat.postMessage/);
  });

  it('a reply in the thread while the first answer is still on its way (rate limited) is not lost', async () => {
    const { fake, sender } = h;
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const question = customerMessage(fake, { text: 'How do I reset my password?' });
    await sender.sendEvent(question);
    await fake.waitForCall('chat.postMessage', (c) => c.status === 429);
    await sender.sendEvent(customerMessage(fake, { thread_ts: String(question.ts), text: 'I want to talk to a person please' }));

    // handled after the answer, in order: the customer hears a person takes over and the agents get the packet
    const packet = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === AGENTS_CHANNEL && c.args.thread_ts === undefined, 5000);
    expect(textOf(packet.args)).toContain('How do I reset my password?');
    const inThread = fake.callsTo('chat.postMessage').filter((c) => c.status === 200 && c.args.thread_ts === question.ts).map((c) => textOf(c.args));
    expect(inThread[0]).toContain('Reset your password');
    expect(inThread.at(-1)).toContain("I'm handing this to our");
  });

  it('a message Slack refuses (invalid_blocks) is logged with its context and sent again as plain text', async () => {
    const { fake, sender, logs } = h;
    fake.failNext('chat.postMessage', { error: 'invalid_blocks' });
    const question = customerMessage(fake, { text: 'How do I reset my password?' });
    await sender.sendEvent(question);
    const [refused, plain] = await fake.waitForCalls('chat.postMessage', 2);
    expect(refused?.response).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(plain?.args.blocks).toBeUndefined();
    expect(plain?.args).toMatchObject({ channel: SUPPORT_CHANNEL, thread_ts: question.ts });
    expect(String(plain?.args.text)).toContain('Go to *app.brightloom.example/login*');
    expect(plain?.response).toMatchObject({ ok: true });
    const line = await waitForLog(logs, /chat\.postMessage failed/);
    expect(line).toContain(`channel=${SUPPORT_CHANNEL}`);
    expect(line).toContain(`thread_ts=${question.ts}`);
    expect(line).toContain('reply=answer');
    expect(line).toContain('error=invalid_blocks');
  });

  it('users.info failing does not stop the conversation: the customer is named by user id, and logged', async () => {
    const { fake, sender, logs } = h;
    fake.failNext('users.info', { error: 'fatal_error' });
    const question = customerMessage(fake, { text: 'Talk to a person please' });
    await sender.sendEvent(question);
    const packet = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === AGENTS_CHANNEL);
    expect(textOf(packet.args)).toContain(`Handoff to support: ${CUSTOMER}`);
    await waitForLog(logs, new RegExp(`users.info failed.*user=${CUSTOMER} error=fatal_error`));
  });

  it('the bot keeps working after a Web API error on one reply (channel_not_found)', async () => {
    const { fake, sender, logs } = h;
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    const first = customerMessage(fake, { text: 'How do I reset my password?' });
    await sender.sendEvent(first);
    await waitForLog(logs, /chat\.postMessage failed .*error=channel_not_found/);
    const second = customerMessage(fake, { text: 'How do I reset my password?' });
    await sender.sendEvent(second);
    await replyIn(fake, String(second.ts));
  });
});

describe('Slack robustness: an agents channel the bot cannot post in', () => {
  it('logs it and posts the packet in the customer thread, so someone still sees it', async () => {
    await h.close();
    // The fake knows only these channels: posting to the agents channel answers channel_not_found.
    h = await startHarness({}, { ...fakeOptions, channels: [{ id: SUPPORT_CHANNEL, name: 'support' }, { id: OTHER_CHANNEL, name: 'random' }] });
    const { fake, sender, logs } = h;
    const question = customerMessage(fake, { text: 'Talk to a person please' });
    await sender.sendEvent(question);
    const refused = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === AGENTS_CHANNEL);
    expect(refused.response).toMatchObject({ ok: false, error: 'channel_not_found' });
    const packet = await replyIn(fake, String(question.ts), (c) => buttonsOf(c.args).some((b) => b.label === 'Claim'));
    expect(textOf(packet.args)).toContain('Handoff to support');
    await waitForLog(logs, new RegExp(`could not post to the agents channel.*team=support channel=${AGENTS_CHANNEL} reply=context-packet error=channel_not_found`));
  });
});
