/**
 * Direct-message conversations after a handoff: the bot passes messages between the customer's DM and the agents'
 * relay thread (the thread of the context packet, opened by the handoff), since agents cannot write in the DM.
 */
import type { EngineContext, Turn } from './context.js';
import { claim, relayTarget } from './handoff.js';
import type { PostedRef } from './types.js';

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
  const current = relayTarget(turn);
  if (current && (current.channelId !== relayThread.channelId || current.messageId !== relayThread.messageId)) {
    // passed to another team since: the customer's words go to that team's thread, so this one is closed too
    await ctx.deliver(turn, { to: 'relay', packet: relayThread }, { kind: 'text', text: ctx.say(ctx.texts.relay.moved, { customer: turn.customer.displayName, team: conversation.handoff?.team }) });
    return;
  }
  if (!text) return;
  if (!conversation.handoff?.assignee) await claim(ctx, turn);
  ctx.record(conversation, 'agent', text, turn.now, actor.displayName);
  await ctx.toThread(turn, { kind: 'relayed', text: ctx.say(ctx.texts.relay.to_customer, { agent, text }) });
  await ctx.event('message.relayed', conversation, { to: 'customer', agent });
}
