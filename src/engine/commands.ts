import { randomInt } from 'node:crypto';
import type { EngineContext, Turn } from './context.js';
import { isOpen } from './conversation.js';
import { claim, handOff, transfer } from './handoff.js';
import { resolve } from './survey.js';
import type { Person } from './types.js';

/** An agent-only action or command on a conversation. */
export async function agentResolve(ctx: EngineContext, turn: Turn): Promise<void> {
  if (!isOpen(turn.conversation)) return void (await ctx.toActor(turn, { kind: 'notice', text: ctx.texts.refusals.not_open }));
  await resolve(ctx, turn, 'agent');
}

/** Only a conversation waiting for the agents can be claimed; one the bot is handling is taken over with a handoff. */
export async function agentClaim(ctx: EngineContext, turn: Turn): Promise<void> {
  const state = turn.conversation.state;
  if (state === 'handed_off') {
    if (turn.conversation.handoff?.assignee?.id !== turn.actor.id) return claim(ctx, turn);
    return void (await ctx.toActor(turn, { kind: 'notice', text: ctx.texts.refusals.already_yours }));
  }
  const refusal = isOpen(turn.conversation) ? ctx.texts.refusals.nothing_to_claim : ctx.texts.refusals.not_open;
  await ctx.toActor(turn, { kind: 'notice', text: ctx.say(refusal) });
}

export async function agentHandoff(ctx: EngineContext, turn: Turn, team: string | undefined): Promise<void> {
  const teams = ctx.teams();
  const wanted = team?.trim().toLowerCase();
  const refuse = (text: string, named = team) => ctx.toActor(turn, { kind: 'notice', text: ctx.say(text, { team: named, teams: teams.join(', ') }) });
  if (!wanted) return void (await refuse(ctx.texts.refusals.handoff_usage));
  if (!teams.includes(wanted)) return void (await refuse(ctx.texts.refusals.unknown_team));
  if (!isOpen(turn.conversation)) return void (await refuse(ctx.texts.refusals.not_open)); // resolved: nothing to pass on
  if (turn.conversation.state === 'handed_off') {
    // a new packet for the same team would only page it again and drop the agent who claimed it
    if (turn.conversation.handoff?.team === wanted) return void (await refuse(ctx.texts.refusals.already_with_team, wanted));
    return transfer(ctx, turn, wanted);
  }
  await handOff(ctx, turn, 'transferred', { team: wanted });
}

export async function status(ctx: EngineContext, turn: Turn): Promise<void> {
  const c = turn.conversation;
  await ctx.toActor(turn, {
    kind: 'notice',
    text: ctx.say(ctx.texts.status, {
      state: ctx.texts.states[c.state],
      round: c.round,
      team: c.team ?? '-',
      agent: c.handoff?.assignee?.name ?? '-',
    }),
  });
}

/**
 * Joins a person's identities across platforms: `link` gives a short code, `link <code>` on the other
 * platform merges the two profiles into one, with one history.
 */
export async function link(ctx: EngineContext, person: Person, code: string | undefined): Promise<string> {
  const store = ctx.store;
  const me = await store.customers.upsert(person, ctx.now());
  if (!code) {
    const fresh = String(randomInt(100000, 1000000));
    await store.linkCodes.create(fresh, me.id);
    return ctx.say(ctx.texts.link.code, { code: fresh });
  }
  const digits = code.replace(/\D/g, '');
  const ownerId = await store.linkCodes.take(digits);
  if (!ownerId) return ctx.texts.link.bad_code;
  if (ownerId === me.id) {
    await store.linkCodes.create(digits, me.id); // still good for the other platform
    return ctx.say(ctx.texts.link.own_code);
  }
  const merged = await store.customers.link(ownerId, me.id, ctx.now());
  await ctx.event('customer.linked', undefined, { customerId: merged.id, identities: merged.identities });
  const platforms = [...new Set(merged.identities.map((i) => i.split(':')[0]))].join(' and ');
  return ctx.say(ctx.texts.link.done, { platforms });
}
