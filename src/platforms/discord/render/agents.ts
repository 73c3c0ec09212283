import type { APIEmbedField } from 'discord.js';
import type { Button, ContextPacket, Reply } from '../../../engine/types.js';
import { fill } from '../../../engine/texts.js';
import { customerOn, handoffTo, historyText, speaker, triedDetail } from '../../../engine/packet-text.js';
import { buttonRows } from './components.js';
import type { DiscordMessage } from './message.js';
import { LIMITS, fit, link, literal, quote, threadLink, truncate } from './text.js';

// Discord caps all embeds of a message at 6,000 characters together; these budgets keep a packet under it.
const DESCRIPTION_BUDGET = 3200;
const QUESTION_MAX = 900;
const SUMMARY_MAX = 700;
const LINE_MAX = 300;

const STATUS_COLORS: Record<ContextPacket['status'], number> = {
  waiting: 0xf1c40f,
  claimed: 0x3498db,
  resolved: 0x2ecc71,
  transferred: 0x95a5a6,
};
const ALERT_COLOR = 0xe74c3c;

/** The context packet for the team's agents: who, what, what the bot tried, the transcript, a thread link, Claim / Resolve. */
export function renderContextPacket(packet: ContextPacket, buttons: Button[]): DiscordMessage {
  const c = packet.customer;
  const l = packet.labels;
  const status = literal(packet.statusText);
  const tried = packet.tried.length
    ? packet.tried.map((t) => `• ${t.url ? link(t.title, t.url) : t.title} ${triedDetail(packet, t)}`).join('\n')
    : literal(l.nothing_matched);
  const head = [
    `**${status}** · ${packet.reasonText}`,
    `**${literal(l.question)}**\n${quote(packet.question, QUESTION_MAX)}`,
    ...(packet.summary ? [`**${literal(l.summary)}**\n${fit(literal(packet.summary), SUMMARY_MAX)}`] : []),
  ].join('\n\n');
  const description = `${head}\n\n**${literal(l.transcript)}**\n${transcript(packet, DESCRIPTION_BUDGET - head.length - 20)}`;
  const fields: APIEmbedField[] = [
    { name: l.customer, value: truncate(customerOn(packet, literal(c.name)), LIMITS.fieldValue), inline: true },
    { name: l.history, value: historyText(packet), inline: true },
    { name: l.confidence, value: packet.confidence.toFixed(2), inline: true },
    { name: l.tried, value: fit(tried, LIMITS.fieldValue) },
    ...(c.recent.length ? [{ name: l.earlier, value: fit(c.recent.map((r) => `• "${literal(truncate(r.question, 80))}" (${r.state.replace('_', ' ')}, ${r.at.slice(0, 10)})`).join('\n'), 500) }] : []),
    { name: l.conversation, value: `\`${packet.conversationId}\` · ${where(packet)}` },
  ].map((field) => ({ ...field, name: truncate(field.name, LIMITS.fieldName) }));
  const title = `${handoffTo(packet)}: ${c.name}`;
  const content = `${handoffTo(packet, `**${literal(packet.team)}**`)} (${status}): ${fill(l.asked, { customer: literal(c.name), question: literal(truncate(packet.question.replace(/\s+/g, ' '), 200)) })}`;
  return {
    content,
    embeds: [{ title: truncate(title, LIMITS.embedTitle), ...(packet.thread.link ? { url: packet.thread.link } : {}), description, fields, color: STATUS_COLORS[packet.status] }],
    components: buttonRows(buttons),
    pingRoles: [],
    fallback: `${content}\n${packet.reasonText}\n${where(packet)} · ${l.conversation} ${packet.conversationId}`,
  };
}

/** A low CES score for the agents, with the comment once the customer sends one. */
export function renderAlert(reply: Extract<Reply, { kind: 'alert' }>): DiscordMessage {
  const p = reply.packet;
  const parts = [...(reply.comment ? [`**${literal(p.labels.comment)}**\n${quote(reply.comment, 1500)}`] : []), `**${literal(p.labels.question)}**\n${quote(p.question, QUESTION_MAX)}`];
  const l = p.labels;
  const place = `${where(p)} · ${l.team} ${p.team} · ${l.conversation} \`${p.conversationId}\``;
  return {
    content: `⚠️ ${reply.text}`,
    embeds: [{ description: `${parts.join('\n\n')}\n\n${place}`, color: ALERT_COLOR }],
    components: [],
    pingRoles: [],
    fallback: `⚠️ ${reply.text}${reply.comment ? ` ${l.comment}: "${reply.comment}"` : ''} ${place}`,
  };
}

/**
 * Where the conversation is. Agents cannot open someone else's DM with the bot: they get the customer as a
 * mention (click → profile → Message) to write to them directly.
 */
function where(packet: ContextPacket): string {
  if (!packet.thread.isDirect) return threadLink(packet);
  const userId = packet.customer.identities.map((i) => /^discord:[^:]+:(\d+)$/.exec(i)?.[1]).find(Boolean);
  return userId ? fill(packet.labels.in_direct_message_write, { customer: `<@${userId}>` }) : threadLink(packet);
}

/** The newest lines that fit the budget, oldest first. */
function transcript(packet: ContextPacket, budget: number): string {
  const rendered: string[] = [];
  let size = 0;
  for (const line of [...packet.transcript].reverse()) {
    const who = speaker(packet, line, line.name && literal(line.name));
    const entry = `**${who}:** ${literal(truncate(line.text.replace(/\s+/g, ' '), LINE_MAX))}`;
    if (size + entry.length + 1 > budget) {
      rendered.push('…');
      break;
    }
    rendered.push(entry);
    size += entry.length + 1;
  }
  return rendered.reverse().join('\n') || '*empty*';
}
