import { describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import type { Summarizer } from '../../src/engine/answering.js';
import { triedDetail } from '../../src/engine/packet-text.js';
import type { PostedRef } from '../../src/engine/types.js';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { action, agent, customer, engineFixture, message, otherCustomer, thread } from '../helpers/engine-fixture.js';

const id = conversationIdFor(thread);
const dm = { ...thread, threadId: 'dm', isDirect: true };
/** Where agents write to a DM conversation: the thread of its context packet, as adapters report it. */
const relayThreadOf = (packet: PostedRef) => ({ ...thread, channelId: packet.channelId, threadId: packet.messageId });

describe('after a handoff', () => {
  it('the packet carries who the customer is, their history, the transcript, what was tried and why', async () => {
    const { engine, clock } = await engineFixture();
    const out = new RecordingOutbox();
    // An earlier conversation in another thread, rated 6.
    const earlier = { ...thread, threadId: 'earlier' };
    await engine.handle(message('forgot my password', { thread: earlier }), out);
    await engine.handle(action(conversationIdFor(earlier), 'solved'), out);
    await engine.handle(action(conversationIdFor(earlier), 'rate', { value: '1:6' }), out);
    clock.now = new Date('2026-11-23T11:00:00Z');

    await engine.handle(message('question about my plan'), out);
    await engine.handle(action(id, 'none-of-these'), out);

    const packet = out.last('context-packet').packet;
    expect(packet.customer).toMatchObject({
      name: 'Dana Customer',
      platform: 'console',
      identities: ['console:local:cus-1'],
      conversations: 2,
      lastCes: { score: 6 },
    });
    expect(packet.customer.recent).toEqual([expect.objectContaining({ question: 'forgot my password', state: 'surveyed' })]);
    expect(packet.question).toBe('question about my plan');
    expect(packet.transcript.map((l) => [l.from, l.text])).toEqual([
      ['customer', 'question about my plan'],
      ['bot', 'Suggested: "Change your plan", "Cancel your subscription"'],
      ['bot', 'Handed off to billing'],
    ]);
    expect(packet.tried.map((t) => t.id)).toEqual(['change-plan', 'cancel-plan']);
    expect(packet.confidence).toBeCloseTo(0.5);
    expect(packet.reasonText).toMatch(/none of the suggested/i);
    expect(packet.team).toBe('billing'); // both choices were billing's: the question most likely is too
    expect(packet.thread).toEqual(thread);
    expect(out.last('context-packet').buttons.map((b) => b.action)).toEqual(['claim', 'resolve']);
  });

  it('"None of these" to choices of different teams goes to the default team', async () => {
    const { engine } = await engineFixture({ rules: [[/account/, { suggest: ['reset-password', 'invoices'] }]] });
    const out = new RecordingOutbox();
    await engine.handle(message('something about my account'), out);
    await engine.handle(message('none of these'), out);
    expect(out.last('context-packet').packet.team).toBe('support');
  });

  it('lists the closest articles of a question nothing fit as considered, not suggested: the customer never saw them', async () => {
    const { engine } = await engineFixture({ rules: [[/gift/, { nearly: ['refunds', 'invoices'] }]] });
    const out = new RecordingOutbox();
    await engine.handle(message('can I send a gift card?'), out);
    const packet = out.last('context-packet').packet;
    // a 0.01 match is no lead for the agents either
    expect(packet.tried.map((t) => [t.id, t.outcome])).toEqual([['refunds', 'considered']]);
    expect(triedDetail(packet, packet.tried[0]!)).toBe('(0.20, closest match, not shown)');
  });

  it('the bot\'s turns in the transcript are worded by prompts/messages.yml', async () => {
    const { engine } = await engineFixture({
      texts: (t) => ({ ...t, packet: { ...t.packet, bot_said: { ...t.packet.bot_said, suggested: 'Vorschläge: {titles}', handed_off: 'Übergeben an {team}' } } }),
    });
    const out = new RecordingOutbox();
    await engine.handle(message('question about my plan'), out);
    await engine.handle(action(id, 'none-of-these'), out);
    expect(out.last('context-packet').packet.transcript.filter((l) => l.from === 'bot').map((l) => l.text)).toEqual([
      'Vorschläge: "Change your plan", "Cancel your subscription"',
      'Übergeben an billing',
    ]);
  });

  it('the bot stays quiet in the thread while people talk', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('talk to a human'), out);
    out.clear();

    await engine.handle(message('hello? forgot my password too'), out);
    await engine.handle(message('Hi Dana, I can help with that', { from: agent }), out);
    expect(out.sent).toEqual([]);
    const transcript = (await store.conversations.get(id))?.transcript ?? [];
    expect(transcript.slice(-2).map((l) => [l.from, l.text])).toEqual([
      ['customer', 'hello? forgot my password too'],
      ['agent', 'Hi Dana, I can help with that'],
    ]);
  });

  it("files shared with a message are in the transcript agents read (one line each), never searched", async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    const screenshot = { name: 'error.png', url: 'https://files.example/error.png' };
    await engine.handle(message('talk to a human, this error keeps coming back', { files: [screenshot] }), out);
    expect(out.last('context-packet').packet.question).toBe('talk to a human, this error keeps coming back');
    await engine.handle(message('', { files: [{ name: 'log.txt', url: 'https://files.example/log.txt' }] }), out);
    const transcript = (await store.conversations.get(id))?.transcript ?? [];
    expect(transcript.filter((l) => l.from === 'customer').map((l) => l.text)).toEqual([
      'talk to a human, this error keeps coming back\n📎 error.png (https://files.example/error.png)',
      '📎 log.txt (https://files.example/log.txt)',
    ]);
  });

  it('customer buttons of an old answer now tell them a person has it', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(message('talk to a person'), out);
    out.clear();
    await engine.handle(action(id, 'solved'), out);
    expect(out.sent).toEqual([expect.objectContaining({ destination: expect.objectContaining({ to: 'actor' }) })]);
    expect(out.last('notice').text).toBe('A person from our accounts team has this and will reply here.');
  });

  it('an agent claims: the packet is updated and the customer hears who has it', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('talk to a human'), out);
    const packetRef = out.sent.find((s) => s.reply.kind === 'context-packet')!.ref;
    await engine.handle(action(id, 'claim', { from: agent }), out);

    expect(out.updates).toEqual([expect.objectContaining({ ref: packetRef })]);
    const updated = out.updates[0]!.reply;
    expect(updated.kind === 'context-packet' && [updated.packet.status, updated.packet.assignee, updated.packet.statusText]).toEqual(['claimed', 'Alex Agent', 'Claimed by Alex Agent']);
    expect(out.last('text').text).toBe('Alex Agent from our support team is looking at this now.');
    expect((await store.conversations.get(id))?.handoff?.assignee?.name).toBe('Alex Agent');
  });

  it('only agents may claim or resolve; others get a private explanation', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('talk to a human'), out);
    out.clear();
    await engine.handle(action(id, 'claim', { from: otherCustomer }), out);
    await engine.handle(action(id, 'resolve', { from: customer }), out);
    await engine.handle({ kind: 'command', eventId: 'c1', name: 'resolve', args: [], from: customer, thread }, out);

    expect(out.sent.map((s) => [s.destination.to, s.reply.kind])).toEqual([
      ['actor', 'notice'],
      ['actor', 'notice'],
      ['actor', 'notice'],
    ]);
    expect(out.last('notice').text).toBe('Only Brightloom support agents can do that.');
    expect((await store.conversations.get(id))?.state).toBe('handed_off');
  });

  it('an agent hands the conversation to another team: old packet marked, new team gets a packet', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('talk to a human'), out);
    await engine.handle({ kind: 'command', eventId: 'c2', name: 'handoff', args: ['Billing'], from: agent, thread }, out);

    const packets = out.sent.filter((s) => s.reply.kind === 'context-packet');
    expect(packets.map((p) => p.destination.to === 'agents' && p.destination.team)).toEqual(['support', 'billing']);
    const old = out.updates[0]!.reply;
    expect(old.kind === 'context-packet' && [old.packet.status, old.packet.transferredTo, old.packet.statusText]).toEqual(['transferred', 'billing', 'Passed to billing']);
    expect(out.last('text').text).toMatch(/billing team/);
    expect((await store.conversations.get(id))?.team).toBe('billing');
  });

  it('refuses to hand off a resolved conversation: no new packet, no message to the customer', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('talk to a human'), out);
    await engine.handle({ kind: 'action', eventId: 'r1', conversationId: id, action: 'resolve', from: agent, thread }, out);
    const before = out.sent.length;
    await engine.handle({ kind: 'command', eventId: 'c4', name: 'handoff', args: ['billing'], from: agent, thread }, out);
    expect(out.sent.slice(before).map((s) => [s.destination.to, s.reply.kind])).toEqual([['actor', 'notice']]);
    expect(out.last('notice').text).toBe('This conversation is already resolved.');
  });

  it('refuses a handoff to a team that does not exist, listing the teams', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('talk to a human'), out);
    await engine.handle({ kind: 'command', eventId: 'c3', name: 'handoff', args: ['marketing'], from: agent, thread }, out);
    expect(out.last('notice').text).toBe('There is no team called "marketing". Teams: accounts, billing, support.');
  });

  it('adds the summary when a summarizer is configured, and goes on without it when it fails', async () => {
    const summarizer: Summarizer = { summarize: async () => 'Dana cannot find the plan settings.' };
    const withSummary = await engineFixture({ summarizer });
    const out = new RecordingOutbox();
    await withSummary.engine.handle(message('talk to a human'), out);
    expect(out.last('context-packet').packet.summary).toBe('Dana cannot find the plan settings.');

    const failing = await engineFixture({ summarizer: { summarize: () => Promise.reject(new Error('LLM down')) } });
    const out2 = new RecordingOutbox();
    await failing.engine.handle(message('talk to a human'), out2);
    expect(out2.last('context-packet').packet.summary).toBeUndefined();
  });

  it('/status tells anyone where the conversation stands', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('talk to a human'), out);
    await engine.handle(action(id, 'claim', { from: agent }), out);
    await engine.handle({ kind: 'command', eventId: 'c4', name: 'status', args: [], from: customer, thread }, out);
    expect(out.last('notice').text).toBe('Conversation handed off, round 1; team: support; agent: Alex Agent.');

    // in words, not the stored state's name
    const other = { ...thread, threadId: 'choosing' };
    await engine.handle(message('hello', { thread: other }), out);
    await engine.handle({ kind: 'command', eventId: 'c5', name: 'status', args: [], from: customer, thread: other }, out);
    expect(out.last('notice').text).toBe('Conversation waiting for the question, round 1; team: -; agent: -.');
  });

  it('in a direct message, tells the customer a person will reply right there, and opens a relay on the packet', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('talk to a human', { thread: dm }), out);
    expect(out.last('handoff-notice').text).toBe(
      "I'm handing this to our support team. A person will reply right here, and they can see everything above, so you don't need to repeat anything.",
    );
    const packet = out.sent.find((s) => s.reply.kind === 'context-packet')!.ref;
    const [relay] = out.sent.filter((s) => s.destination.to === 'relay');
    expect(relay?.destination).toEqual({ to: 'relay', packet, open: 'Reply to Dana Customer' });
    expect(relay?.reply).toMatchObject({ kind: 'text', text: expect.stringMatching(/^Dana Customer asked in a direct message with me.*Reply in this thread/) });
    expect(await store.relays.conversationFor(packet.platform, packet.channelId, packet.messageId)).toBe(conversationIdFor(dm));
  });

  it('relays both ways between the DM and the packet thread; the first agent to answer claims it; closed means not passed on', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    const dmId = conversationIdFor(dm);
    await engine.handle(message('talk to a human', { thread: dm }), out);
    const packet = out.sent.find((s) => s.reply.kind === 'context-packet')!.ref;
    const relayThread = relayThreadOf(packet);
    const fromAgent = (text: string, from = agent) => message(text, { thread: relayThread, from, relayOf: dmId });

    // the customer adds something: it reaches the agents' relay thread
    await engine.handle(message('it is about invoice 1234', { thread: dm }), out);
    expect(out.sent.at(-1)).toMatchObject({ destination: { to: 'relay', packet }, reply: { kind: 'relayed', text: 'Dana Customer: it is about invoice 1234' } });

    // an agent answers in the relay thread: claimed by them, and the customer reads it in the DM
    await engine.handle(fromAgent('Hi Dana, I have refunded invoice 1234.'), out);
    expect(out.to('thread').slice(-2)).toEqual([
      { kind: 'text', text: 'Alex Agent from our support team is looking at this now.' },
      { kind: 'relayed', text: 'Alex Agent: Hi Dana, I have refunded invoice 1234.' },
    ]);
    const saved = (await store.conversations.get(dmId))!;
    expect(saved.handoff?.assignee?.name).toBe('Alex Agent');
    expect(saved.transcript.filter((l) => l.text.includes('refunded')).map((l) => [l.from, l.text])).toEqual([['agent', 'Hi Dana, I have refunded invoice 1234.']]);

    // someone who is not an agent writing in the agents' thread is not passed on, and is told so there
    const before = out.sent.length;
    await engine.handle(fromAgent('who is Dana?', otherCustomer), out);
    expect(out.sent.slice(before)).toEqual([
      expect.objectContaining({ destination: { to: 'actor', person: otherCustomer, thread: relayThread }, reply: { kind: 'notice', text: 'Only Brightloom support agents can do that.' } }),
    ]);

    // once resolved, an agent's message is not passed on, and the agent is told so
    await engine.handle(action(dmId, 'resolve', { from: agent }), out);
    await engine.handle(fromAgent('one more thing'), out);
    expect(out.sent.at(-1)).toMatchObject({ destination: { to: 'relay', packet: { channelId: packet.channelId, messageId: packet.messageId } }, reply: { kind: 'text', text: expect.stringMatching(/^This conversation is closed, so I did not pass that on/) } });
    expect(out.to('thread').some((r) => 'text' in r && r.text.includes('one more thing'))).toBe(false);

    // erased on request: the agent is told the conversation is gone
    await store.conversations.delete(dmId);
    await engine.handle(fromAgent('hello?'), out);
    expect(out.sent.at(-1)).toMatchObject({ destination: { to: 'actor', person: agent, thread: relayThread }, reply: { kind: 'notice', text: "I can't find that conversation any more." } });
  });

  it('a handoff nobody claims pings its team again once, after HANDOFF_REMIND_AFTER_MINUTES; a claimed one does not', async () => {
    const { engine, store, clock } = await engineFixture();
    const out = new RecordingOutbox();
    const other = { ...thread, threadId: 'claimed' };
    await engine.handle(message('talk to a human'), out);
    await engine.handle(message('talk to a human', { thread: other }), out);
    await engine.handle(action(conversationIdFor(other), 'claim', { from: agent }), out);
    out.clear();

    clock.now = new Date(clock.now.getTime() + 29 * 60_000);
    expect(await engine.remindUnclaimed(() => out)).toBe(0);
    clock.now = new Date(clock.now.getTime() + 2 * 60_000);
    expect(await engine.remindUnclaimed(() => out)).toBe(1);
    expect(out.sent).toEqual([
      expect.objectContaining({
        destination: { to: 'agents', team: 'support', thread },
        reply: { kind: 'reminder', team: 'support', text: `⏰ Dana Customer has waited 31 min and nobody has claimed it yet: “talk to a human”. Claim it from its context packet (${id}).` },
      }),
      // and the customer is not left wondering
      expect.objectContaining({
        destination: { to: 'thread', thread },
        reply: { kind: 'text', text: "Sorry for the wait: nobody from our support team has picked this up yet, so I've reminded them. Everything above is in front of them." },
      }),
    ]);
    expect((await store.conversations.get(id))?.handoff?.remindedAt).toBe(clock.now.toISOString());

    clock.now = new Date(clock.now.getTime() + 60 * 60_000);
    expect(await engine.remindUnclaimed(() => out)).toBe(0); // once per handoff

    // passed to another team: a new handoff, reminded again when it too sits unclaimed
    await engine.handle({ kind: 'command', eventId: 'remind-transfer', name: 'handoff', args: ['billing'], from: agent, thread }, out);
    clock.now = new Date(clock.now.getTime() + 31 * 60_000);
    expect(await engine.remindUnclaimed(() => out)).toBe(1);
    expect(out.last('reminder').team).toBe('billing');
  });

  it('the reminder quotes a long question shortened to one line (the packet has all of it)', async () => {
    const { engine, clock } = await engineFixture();
    const out = new RecordingOutbox();
    const question = `I want to talk to a human.\n${'My invoice shows a charge I do not recognise. '.repeat(20)}`;
    await engine.handle(message(question), out);
    clock.now = new Date(clock.now.getTime() + 31 * 60_000);
    expect(await engine.remindUnclaimed(() => out)).toBe(1);
    const quoted = /“(.*)”/.exec(out.last('reminder').text)?.[1] ?? '';
    expect(quoted).toHaveLength(200);
    expect(quoted).toMatch(/^I want to talk to a human\. My invoice shows .*…$/);
    expect(out.last('reminder').text).toMatch(/Claim it from its context packet \(.+\)\.$/);
  });

  it('no reminders when HANDOFF_REMIND_AFTER_MINUTES is 0', async () => {
    const { engine, clock } = await engineFixture({ settings: { remindUnclaimedAfterMinutes: 0 } });
    const out = new RecordingOutbox();
    await engine.handle(message('talk to a human'), out);
    clock.now = new Date(clock.now.getTime() + 24 * 60 * 60_000);
    expect(await engine.remindUnclaimed(() => out)).toBe(0);
  });

  it('after a transfer, the old team\'s relay thread says where the conversation went; the new one relays', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    const dmId = conversationIdFor(dm);
    await engine.handle(message('talk to a human', { thread: dm }), out);
    await engine.handle({ kind: 'command', eventId: 'relay-transfer', name: 'handoff', args: ['billing'], from: agent, conversationId: dmId }, out);
    const [oldPacket, newPacket] = out.sent.filter((s) => s.reply.kind === 'context-packet').map((s) => s.ref);
    const inRelay = (packet: typeof oldPacket, text: string) => message(text, { thread: relayThreadOf(packet!), from: agent, relayOf: dmId });

    await engine.handle(inRelay(oldPacket, 'still there?'), out);
    expect(out.sent.at(-1)?.reply).toEqual({ kind: 'text', text: 'This conversation is with our billing team now, so I did not pass that on: write in the thread of their context packet.' });
    await engine.handle(inRelay(newPacket, 'Billing here, hi Dana'), out);
    expect(out.last('relayed').text).toBe('Alex Agent: Billing here, hi Dana');
  });

  it('a conversation outside a DM gets no relay: agents write in its thread', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('talk to a human'), out);
    expect(out.kinds('agents')).toEqual(['context-packet']);
    expect(out.sent.filter((s) => s.destination.to === 'relay')).toEqual([]);
    await engine.handle(message('any news?'), out);
    expect(out.sent.filter((s) => s.destination.to === 'relay')).toEqual([]);
  });
});
