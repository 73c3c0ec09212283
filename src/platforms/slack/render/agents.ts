import { fill } from '../../../engine/texts.js';
import type { Button, ContextPacket, Reply } from '../../../engine/types.js';
import { customerOn, handoffTo, historyText, speaker, triedDetail } from '../../../engine/packet-text.js';
import { escapeText, link, truncate } from '../slack-text.js';
import { actions, capBlocks, context, divider, fields, header, section, type Block, type SlackMessage } from './blocks.js';

const TRANSCRIPT_MAX = 2800;

/** The context packet for the team's agents: who, what, what the bot tried, the transcript, Claim / Resolve. */
export function renderContextPacket(packet: ContextPacket, buttons: Button[]): SlackMessage {
  const c = packet.customer;
  const l = packet.labels;
  const tried = packet.tried.length
    ? packet.tried.map((t) => `• ${t.url ? link(t.url, t.title) : escapeText(t.title)} ${escapeText(triedDetail(packet, t))}`).join('\n')
    : escapeText(l.nothing_matched);
  const blocks: Block[] = [
    header(`${handoffTo(packet)}: ${c.name}`),
    section(`*${escapeText(packet.statusText)}* · ${escapeText(packet.reasonText)}`),
    fields([
      [escapeText(l.customer), escapeText(customerOn(packet))],
      [escapeText(l.history), escapeText(historyText(packet))],
      [escapeText(l.confidence), packet.confidence.toFixed(2)],
      [escapeText(l.conversation), `\`${packet.conversationId}\``],
    ]),
    section(`*${escapeText(l.question)}*\n${quote(packet.question)}`),
    ...(packet.summary ? [section(`*${escapeText(l.summary)}*\n${escapeText(packet.summary)}`)] : []),
    section(`*${escapeText(l.tried)}*\n${tried}`),
    section(`*${escapeText(l.transcript)}*\n${transcript(packet)}`),
    ...(c.recent.length ? [context(`${escapeText(l.earlier)}: ${c.recent.map((r) => `"${escapeText(truncate(r.question, 80))}" (${r.state.replace('_', ' ')}, ${r.at.slice(0, 10)})`).join(' · ')}`)] : []),
    context(`${threadLink(packet)} · \`/threadline resolve ${packet.conversationId}\``),
    ...(buttons.length ? [divider(), ...actions(buttons)] : []),
  ];
  const text = `${escapeText(handoffTo(packet))} (${escapeText(packet.statusText)}): ${fill(escapeText(l.asked), { customer: escapeText(c.name), question: escapeText(truncate(packet.question, 300)) })}. ${escapeText(packet.reasonText)} ${threadLink(packet)} · ${escapeText(l.conversation)} ${packet.conversationId}`;
  return { text, blocks: capBlocks(blocks) };
}

/** A low CES score for the agents, with the comment once the customer sends one. */
export function renderAlert(reply: Extract<Reply, { kind: 'alert' }>): SlackMessage {
  const p = reply.packet;
  const l = p.labels;
  const comment = reply.comment ? `\n*${escapeText(l.comment)}*\n${quote(reply.comment)}` : '';
  const blocks: Block[] = [
    section(`:warning: *${escapeText(reply.text)}*${comment}`),
    section(`*${escapeText(l.question)}*\n${quote(p.question)}`),
    context(`${threadLink(p)} · ${escapeText(l.team)} ${escapeText(p.team)} · ${escapeText(l.conversation)} \`${p.conversationId}\``),
  ];
  const text = `${escapeText(reply.text)}${reply.comment ? ` ${escapeText(l.comment)}: "${escapeText(reply.comment)}"` : ''} ${threadLink(p)}`;
  return { text, blocks };
}

/** A link to the customer's thread for agents, or where it is when there is no link. */
export function threadLink(packet: ContextPacket): string {
  const { thread, labels } = packet;
  if (thread.isDirect) {
    // agents cannot open someone else's DM with the bot (its link leads nowhere): they reply through the relay
    const userId = packet.customer.identities.map((i) => /^slack:[^:]+:(\w+)$/.exec(i)?.[1]).find(Boolean);
    return fill(escapeText(labels.in_direct_message_write), { customer: userId ? `<@${userId}>` : escapeText(packet.customer.name) });
  }
  if (thread.link) return link(thread.link, labels.open_thread);
  return fill(escapeText(labels.in_channel), { channel: `<#${thread.channelId}>` });
}

function quote(text: string): string {
  return truncate(escapeText(text), 2500).split('\n').map((line) => `> ${line}`).join('\n');
}

/** The newest lines that fit one section, oldest first. */
function transcript(packet: ContextPacket): string {
  const rendered: string[] = [];
  let size = 0;
  for (const line of [...packet.transcript].reverse()) {
    const who = escapeText(speaker(packet, line));
    const entry = `*${who}:* ${escapeText(truncate(line.text.replace(/\s+/g, ' '), 400))}`;
    if (size + entry.length + 1 > TRANSCRIPT_MAX) {
      rendered.push('…');
      break;
    }
    rendered.push(entry);
    size += entry.length + 1;
  }
  return rendered.reverse().join('\n') || '_empty_';
}
