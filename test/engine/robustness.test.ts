import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import type { Person } from '../../src/engine/types.js';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { action, customer, engineFixture, message, thread } from '../helpers/engine-fixture.js';

const id = conversationIdFor(thread);
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the engine under real-world conditions', () => {
  it('handles the same platform event once, however often it is delivered', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    const event = message('forgot my password', { eventId: 'Ev123' });
    await Promise.all([engine.handle(event, out), engine.handle(event, out)]);
    await engine.handle(event, out);
    expect(out.kinds()).toEqual(['answer']);
  });

  it('processes the messages of one conversation one at a time, in order', async () => {
    const { engine, store, matcher } = await engineFixture();
    const out = new RecordingOutbox();
    await Promise.all([
      engine.handle(message('forgot my password'), out),
      engine.handle(message('also where are my invoices'), out),
      engine.handle(message('and how do I change my plan'), out),
    ]);
    // (a follow-up that only gets suggestions is also tried together with the round's question)
    expect(matcher.questions.filter((q) => !q.startsWith('forgot my password '))).toEqual(['forgot my password', 'also where are my invoices', 'and how do I change my plan']);
    expect(out.kinds('thread')).toEqual(['answer', 'answer', 'suggestions']);
    const saved = await store.conversations.get(id);
    expect(saved?.transcript.filter((l) => l.from === 'customer')).toHaveLength(3);
  });

  it('keeps every conversation, profile and score across a restart on sqlite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-'));
    dirs.push(dir);
    const storeUrl = `sqlite://${join(dir, 'nested', 'threadline.sqlite')}`;
    const first = await engineFixture({ storeUrl });
    const out = new RecordingOutbox();
    await first.engine.handle(message('forgot my password'), out);
    await first.engine.handle(action(id, 'solved'), out);
    await first.store.close();

    const second = await engineFixture({ storeUrl });
    await second.engine.handle(action(id, 'rate', { value: '1:7' }), out);
    expect(out.last('notice').text).toBe('Thanks for rating us 7/7!');
    expect(await second.store.surveys.get(id, 1)).toMatchObject({ score: 7 });
    const profile = await second.store.customers.findByIdentity('console:local:cus-1');
    expect(profile).toMatchObject({ displayName: 'Dana Customer', conversationIds: [id], lastCes: { score: 7 } });
    await second.store.close();
  });

  it('still answers the customer when something inside breaks, and hands the question to a person', async () => {
    const { engine, matcher, store } = await engineFixture();
    matcher.match = () => Promise.reject(new Error('index exploded'));
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    expect(out.kinds('thread')).toEqual(['text', 'handoff-notice']);
    expect(out.last('text').text).toMatch(/something went wrong on my side/);
    expect(out.last('context-packet').packet).toMatchObject({ reason: 'bot-error', question: 'forgot my password' });
    expect((await store.conversations.get(id))?.state).toBe('handed_off');
    const errors = await store.events.list({ types: ['error'] });
    expect(errors[0]?.data.error).toMatch(/index exploded/);
  });

  it('still answers when the store cannot say whether an event was seen, or lease the conversation', async () => {
    const { engine, store } = await engineFixture();
    store.claims.take = async () => {
      throw new Error('the store is unreachable');
    };
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    expect(out.last('answer').title).toBe('Reset your password');
  });

  it('records a failed delivery and carries on with the rest of the turn', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    out.failThreadSends = true;
    await engine.handle(message('talk to a person'), out);
    expect(out.kinds('agents')).toEqual(['context-packet']);
    expect((await store.events.list({ types: ['error'] }))[0]?.data).toMatchObject({ stage: 'deliver', reply: 'handoff-notice' });
  });

  it('joins a Slack and a Discord identity into one profile with a link code', async () => {
    const { engine, store } = await engineFixture();
    const slack: Person = { platform: 'slack', workspaceId: 'T1', id: 'U1', displayName: 'Dana', isAgent: false };
    const discord: Person = { platform: 'discord', workspaceId: 'G1', id: '42', displayName: 'dana#1', isAgent: false };
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password', { from: slack, thread: { ...thread, platform: 'slack', threadId: 's1' } }), out);
    await engine.handle(message('where are my invoices', { from: discord, thread: { ...thread, platform: 'discord', threadId: 'd1' } }), out);

    await engine.handle({ kind: 'command', eventId: 'l1', name: 'link', args: [], from: slack }, out);
    const code = /link code is (\d{6})/.exec(out.last('notice').text)?.[1];
    expect(code).toBeDefined();
    // used on the platform it came from, it joins nothing and stays good for the other one
    await engine.handle({ kind: 'command', eventId: 'l1b', name: 'link', args: [code!], from: slack }, out);
    expect(out.last('notice').text).toMatch(/^That is the code for this profile\. Use it on your other platform/);
    await engine.handle({ kind: 'command', eventId: 'l2', name: 'link', args: [code!], from: discord }, out);
    expect(out.last('notice').text).toBe('Done: your slack and discord profiles are now one, with one history.');

    const viaSlack = await store.customers.findByIdentity('slack:T1:U1');
    const viaDiscord = await store.customers.findByIdentity('discord:G1:42');
    expect(viaDiscord?.id).toBe(viaSlack?.id);
    expect(viaSlack?.conversationIds).toHaveLength(2);

    // The Discord customer's next handoff packet shows the Slack history too.
    await engine.handle(message('talk to a human', { from: discord, thread: { ...thread, platform: 'discord', threadId: 'd2' } }), out);
    const packet = out.last('context-packet').packet;
    expect(packet.customer.identities).toEqual(['slack:T1:U1', 'discord:G1:42']);
    expect(packet.customer.recent.map((r) => r.question)).toEqual(['where are my invoices', 'forgot my password']);

    await engine.handle({ kind: 'command', eventId: 'l3', name: 'link', args: [code!], from: discord }, out);
    expect(out.last('notice').text).toMatch(/unknown or has expired/);
  });

  it('recognises the same person on two platforms by email', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password', { from: { ...customer, platform: 'slack', id: 'U7', email: 'Dana@Example.com' } }), out);
    await engine.handle(message('invoices', { from: { ...customer, platform: 'discord', id: '77', email: 'dana@example.com' }, thread: { ...thread, threadId: 'x' } }), out);
    const a = await store.customers.findByIdentity('slack:local:U7');
    const b = await store.customers.findByIdentity('discord:local:77');
    expect(a?.id).toBe(b?.id);
  });

  it('answers a bare mention by asking for the question, then takes the next message as the question', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('   '), out);
    expect(out.last('text').text).toBe('Hi Dana Customer! What can I help you with? Ask your question here and I\'ll look it up.');
    await engine.handle(message('forgot my password'), out);
    expect(out.last('answer').title).toBe('Reset your password');
    expect((await store.conversations.get(id))?.question).toBe('forgot my password');
  });

  it('a first message that is only thanks gets the greeting, not a handoff, and the next message is the question', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('thanks!'), out);
    expect(out.kinds('thread')).toEqual(['text']);
    expect(out.last('text').text).toMatch(/^Hi Dana Customer! What can I help you with\?/);
    expect(out.kinds('agents')).toEqual([]);
    await engine.handle(message('forgot my password'), out);
    expect(out.last('answer').title).toBe('Reset your password');
    expect((await store.conversations.get(id))?.question).toBe('forgot my password');
  });

  it.each(['hi', 'Hello?', 'hey there 👋', 'Good morning!', 'hiii, thanks', 'I have a question', 'can you help me?', 'how are you?', 'are you a bot?', 'test', 'bonjour', '🔥🔥🔥', '7', 'none of these'])('a first message with no question yet (%j) gets the greeting, not a handoff', async (hello) => {
    const { engine, matcher } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message(hello), out);
    expect(out.kinds('thread')).toEqual(['text']);
    expect(out.last('text').text).toMatch(/^Hi Dana Customer! What can I help you with\?/);
    expect(out.kinds('agents')).toEqual([]);
    expect(matcher.questions).toEqual([]);
  });

  it('a greeting with a question in it is a question', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('hi, I forgot my password'), out);
    expect(out.last('answer').title).toBe('Reset your password');
  });

  it('understands "link <code>" typed as a message, privately and without opening a conversation', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    const slack: Person = { platform: 'slack', workspaceId: 'T1', id: 'U1', displayName: 'Dana', isAgent: false };
    const discord: Person = { platform: 'discord', workspaceId: 'G1', id: '42', displayName: 'dana', isAgent: false };
    await engine.handle(message('link', { from: slack }), out);
    const code = /link code is (\d{6})/.exec(out.last('notice').text)?.[1];
    await engine.handle(message(`link ${code}`, { from: discord, thread: { ...thread, threadId: 'other' } }), out);
    expect(out.sent.every((s) => s.destination.to === 'actor')).toBe(true);
    expect((await store.customers.findByIdentity('discord:G1:42'))?.identities).toEqual(['slack:T1:U1', 'discord:G1:42']);
    expect(await store.conversations.get(id)).toBeUndefined();
  });

  it('keeps the display name current on every message', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(message('still stuck', { from: { ...customer, displayName: 'Dana R.' } }), out);
    expect((await store.customers.findByIdentity('console:local:cus-1'))?.displayName).toBe('Dana R.');
  });
});
