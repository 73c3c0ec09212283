import { describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import type { CommandName, Person } from '../../src/engine/types.js';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { action, agent, customer, engineFixture, message, thread } from '../helpers/engine-fixture.js';

const id = conversationIdFor(thread);
let commands = 0;
const command = (name: CommandName, from: Person, ...args: string[]) => ({ kind: 'command' as const, eventId: `cmd-${++commands}`, name, args, from, thread });

describe('claiming a conversation', () => {
  it('one the bot answered has nothing to claim: the agent is told it waits for no one and how to take it over', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    out.clear();
    await engine.handle(command('claim', agent), out);
    await engine.handle(action(id, 'claim', { from: agent }), out);

    expect(out.sent.map((s) => [s.destination.to, s.reply.kind])).toEqual([['actor', 'notice'], ['actor', 'notice']]);
    expect(out.last('notice').text).toBe('There is nothing to claim: this conversation is not waiting for an agent (the bot is handling it). To take it over, hand it off to a team.');
    expect(await store.conversations.get(id)).toMatchObject({ state: 'answered' });
  });

  it('one that is resolved is refused as resolved', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(action(id, 'solved'), out);
    await engine.handle(command('claim', agent), out);
    expect(out.last('notice').text).toBe('This conversation is already resolved.');
  });
});

describe('agent commands before any conversation exists', () => {
  it('a customer is told they are for agents, not that the conversation is missing', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(command('claim', customer), out);
    await engine.handle(command('resolve', customer), out);
    await engine.handle(command('handoff', customer, 'billing'), out);
    await engine.handle(action(id, 'claim', { from: customer }), out);
    await engine.handle(action(id, 'resolve', { from: customer }), out);

    expect(out.sent.map((s) => [s.destination.to, s.reply.kind])).toEqual(Array(5).fill(['actor', 'notice']));
    expect(new Set(out.to('actor').map((r) => r.kind === 'notice' && r.text))).toEqual(new Set(['Only Brightloom support agents can do that.']));
  });

  it('an agent is told where to use them', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(command('claim', agent), out);
    expect(out.last('notice').text).toBe('No support conversation here yet: use this in the thread of one (or ask your question first).');
  });
});

describe('repeating what is already done', () => {
  it('/handoff without a team says how to use it and lists the teams', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('talk to a human'), out);
    out.clear();
    await engine.handle(command('handoff', agent), out);
    expect(out.sent.map((s) => [s.destination.to, s.reply.kind])).toEqual([['actor', 'notice']]);
    expect(out.last('notice').text).toBe('Name the team to hand this conversation to. Teams: accounts, billing, support.');
    expect((await store.conversations.get(id))?.team).toBe('support');
  });

  it('/handoff to the team that has it is refused: no second packet, the customer is not told, the claim stays', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('talk to a human'), out);
    await engine.handle(command('claim', agent), out);
    out.clear();
    await engine.handle(command('handoff', agent, 'Support'), out);

    expect(out.sent.map((s) => [s.destination.to, s.reply.kind])).toEqual([['actor', 'notice']]);
    expect(out.last('notice').text).toBe('This conversation is already with the support team.');
    expect(out.updates).toEqual([]);
    expect((await store.conversations.get(id))?.handoff?.assignee?.name).toBe('Alex Agent');
  });

  it('a second claim by the agent who has it, or resolving a resolved one, gets a private answer and changes nothing', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('talk to a human'), out);
    await engine.handle(action(id, 'claim', { from: agent }), out);
    out.clear();
    await engine.handle(action(id, 'claim', { from: agent }), out);
    await engine.handle(command('claim', agent), out);
    expect(out.sent.map((s) => [s.destination.to, s.reply.kind])).toEqual([['actor', 'notice'], ['actor', 'notice']]);
    expect(out.last('notice').text).toBe('You already have this conversation.');
    expect(out.updates).toEqual([]);

    await engine.handle(command('resolve', agent), out);
    out.clear();
    await engine.handle(command('resolve', agent), out);
    expect(out.sent.map((s) => [s.destination.to, s.reply.kind])).toEqual([['actor', 'notice']]);
    expect(out.last('notice').text).toBe('This conversation is already resolved.');
  });

  it('another agent may still take over a claimed conversation, and is told whose it was', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    const colleague: Person = { ...agent, id: 'agent-2', displayName: 'Sam Agent' };
    await engine.handle(message('talk to a human'), out);
    await engine.handle(command('claim', agent), out);
    await engine.handle(command('claim', colleague), out);
    expect(out.last('text').text).toBe('Sam Agent from our support team is looking at this now.');
    expect(out.last('notice')).toMatchObject({ text: 'You took this conversation over from Alex Agent; the packet now shows you.' });
    expect(out.sent.at(-1)?.destination).toMatchObject({ to: 'actor', person: { id: 'agent-2' } });
    expect((await store.conversations.get(id))?.handoff?.assignee?.name).toBe('Sam Agent');
    const claims = new Map((await store.events.list({ types: ['handoff.claimed'] })).map((e) => [e.data.agent, e.data.takenOverFrom]));
    expect(claims).toEqual(new Map([['Alex Agent', undefined], ['Sam Agent', 'Alex Agent']]));
  });
});
