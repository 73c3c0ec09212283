import type { Button, ContextPacket, Reply, ThreadRef, TranscriptLine } from '../../../engine/types.js';
import { escapeText, link, truncate } from '../slack-text.js';
import { actions, capBlocks, context, divider, fields, header, section, type Block, type SlackMessage } from './blocks.js';

const TRANSCRIPT_MAX = 2800;

/** The context packet for the team's agents: who, what, what the bot tried, the transcript, Claim / Resolve. */
export function renderContextPacket(packet: ContextPacket, buttons: Button[]): SlackMessage {
  const c = packet.customer;
  const history = `${c.conversations} conversation${c.conversations === 1 ? '' : 's'}${c.lastCes ? ` · last CES ${c.lastCes.score}/7` : ''}`;
  const tried = packet.tried.length
    ? packet.tried.map((t) => `• ${t.url ? link(t.url, t.title) : escapeText(t.title)} (${t.score.toFixed(2)}, ${t.outcome})`).join('\n')
    : 'Nothing matched.';
  const blocks: Block[] = [
    header(`Handoff to ${packet.team}: ${c.name}`),
    section(`*${escapeText(packet.statusText)}* · ${escapeText(packet.reasonText)}`),
    fields([
      ['Customer', `${escapeText(c.name)} on ${c.platform}`],
      ['History', history],
      ['Bot confidence', packet.confidence.toFixed(2)],
      ['Conversation', `\`${packet.conversationId}\``],
    ]),
    section(`*Question*\n${quote(packet.question)}`),
    ...(packet.summary ? [section(`*Summary*\n${escapeText(packet.summary)}`)] : []),
    section(`*Bot tried*\n${tried}`),
    section(`*Transcript*\n${transcript(packet.transcript)}`),
    ...(c.recent.length ? [context(`Earlier: ${c.recent.map((r) => `"${escapeText(truncate(r.question, 80))}" (${r.state.replace('_', ' ')}, ${r.at.slice(0, 10)})`).join(' · ')}`)] : []),
    context(`${threadLink(packet.thread)} · \`/threadline resolve ${packet.conversationId}\``),
    ...(buttons.length ? [divider(), ...actions(buttons)] : []),
  ];
  const text = `Handoff to ${packet.team} (${escapeText(packet.statusText)}): ${escapeText(c.name)} asked "${escapeText(truncate(packet.question, 300))}". ${escapeText(packet.reasonText)} ${threadLink(packet.thread)} · conversation ${packet.conversationId}`;
  return { text, blocks: capBlocks(blocks) };
}

/** A low CES score for the agents, with the comment once the customer sends one. */
export function renderAlert(reply: Extract<Reply, { kind: 'alert' }>): SlackMessage {
  const p = reply.packet;
  const comment = reply.comment ? `\n*Comment*\n${quote(reply.comment)}` : '';
  const blocks: Block[] = [
    section(`:warning: *${escapeText(reply.text)}*${comment}`),
    section(`*Question*\n${quote(p.question)}`),
    context(`${threadLink(p.thread)} · team ${escapeText(p.team)} · conversation \`${p.conversationId}\``),
  ];
  const text = `${escapeText(reply.text)}${reply.comment ? ` Comment: "${escapeText(reply.comment)}"` : ''} ${threadLink(p.thread)}`;
  return { text, blocks };
}

export function threadLink(thread: ThreadRef): string {
  if (thread.link) return link(thread.link, 'Open the thread');
  return thread.isDirect ? 'in a direct message' : `in <#${thread.channelId}>`;
}

function quote(text: string): string {
  return truncate(escapeText(text), 2500).split('\n').map((line) => `> ${line}`).join('\n');
}

/** The newest lines that fit one section, oldest first. */
function transcript(lines: TranscriptLine[]): string {
  const rendered: string[] = [];
  let size = 0;
  for (const line of [...lines].reverse()) {
    const who = line.name ? `${line.from} (${escapeText(line.name)})` : line.from;
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
