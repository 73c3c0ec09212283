import type { EngineContext, Turn } from './context.js';
import { claim } from './handoff.js';
import type { PostedRef } from './types.js';

/**
 * Direct-message conversations: agents cannot write into someone else's DM with the bot, so on handoff the bot
 * opens a relay in the thread of the context packet and passes messages both ways. Only where the packet went
 * to an agents channel (without one it sits in the DM itself, and there is nothing to relay).
 */
export function relayTarget(turn: Turn): PostedRef | undefined {
  const { thread, handoff } = turn.conversation;
  const packet = handoff?.packetRef;
  if (!thread.isDirect || !packet || packet.channelId === thread.channelId) return undefined;
  return packet;
}

/** Right after the packet: the relay thread says what it is for, and is remembered as this conversation's. */
export async function openRelay(ctx: EngineContext, turn: Turn): Promise<void> {
  const packet = relayTarget(turn);
  if (!packet) return;
  await ctx.store.relays.open(packet, turn.conversation.id);
  const customer = turn.customer.displayName;
  await ctx.deliver(turn, { to: 'relay', packet, open: ctx.say(ctx.texts.relay.thread_name, { customer }) }, { kind: 'text', text: ctx.say(ctx.texts.relay.intro, { customer }) });
}

/** What the customer writes in the DM while a person has it goes to the agents' relay thread. */
export async function relayToAgents(ctx: EngineContext, turn: Turn, text: string): Promise<void> {
  const packet = relayTarget(turn);
  if (!packet || !text) return;
  await ctx.deliver(turn, { to: 'relay', packet }, { kind: 'relayed', text: ctx.say(ctx.texts.relay.to_agents, { customer: turn.customer.displayName, text }) });
}

/**
 * An agent wrote in the relay thread: the customer gets it in the DM, and the first agent to answer has
 * claimed the conversation. Once it is closed the agent is told their message did not go anywhere.
 */
export async function relayToCustomer(ctx: EngineContext, turn: Turn, text: string, relayThread: PostedRef): Promise<void> {
  const { conversation, actor } = turn;
  const agent = actor.displayName ?? actor.id;
  if (conversation.state !== 'handed_off') {
    await ctx.deliver(turn, { to: 'relay', packet: relayThread }, { kind: 'text', text: ctx.say(ctx.texts.relay.closed, { customer: turn.customer.displayName }) });
    return;
  }
  if (!text) return;
  if (!conversation.handoff?.assignee) await claim(ctx, turn);
  ctx.record(conversation, 'agent', text, turn.now, actor.displayName);
  await ctx.toThread(turn, { kind: 'relayed', text: ctx.say(ctx.texts.relay.to_customer, { agent, text }) });
  await ctx.event('message.relayed', conversation, { to: 'customer', agent });
}
