import { customerOn, handoffTo, historyText, speaker, triedDetail } from '../../engine/packet-text.js';
import type { ContextPacket, Reply } from '../../engine/types.js';

/** Plain-text rendering of engine replies for the console. Buttons show as [Label]. */
export function renderReply(reply: Reply): string[] {
  switch (reply.kind) {
    case 'text':
    case 'relayed':
    case 'reminder':
      return [reply.text];
    case 'notice':
      return [reply.text];
    case 'answer':
      return [
        reply.intro,
        `  ${reply.title}`,
        ...indent(reply.body, 2),
        `  ${reply.sourceLabel}: ${reply.citations.map((c) => (c.url ? `${c.title} <${c.url}>` : c.title)).join('; ')}`,
        ...(reply.footer ? [reply.footer] : []),
        buttons(reply.buttons.map((b) => b.label)),
      ];
    case 'suggestions':
      return [reply.text, ...reply.choices.map((c, i) => `  ${i + 1}. ${c.title}`), buttons(reply.buttons.map((b) => b.label))];
    case 'handoff-notice':
      return [reply.text, ...(reply.details ? ['', ...indent(reply.details, 2)] : [])];
    case 'survey': {
      const first = reply.scale[0];
      const last = reply.scale[reply.scale.length - 1];
      return [reply.intro, `  "${reply.question}"`, `  1 = ${first?.label} … 7 = ${last?.label}`, buttons(reply.buttons.map((b) => b.label))];
    }
    case 'comment-request':
      return [`${reply.title}: ${reply.prompt} Type it on the next line, or press Enter to skip.`];
    case 'context-packet':
      return renderPacket(reply.packet, reply.buttons.map((b) => b.label));
    case 'alert': {
      const l = reply.packet.labels;
      return [reply.text, ...(reply.comment ? [`  ${l.comment}: "${reply.comment}"`] : []), `  ${l.question}: "${reply.packet.question}"`, `  ${l.conversation}: ${reply.packet.conversationId}`];
    }
  }
}

export function renderPacket(packet: ContextPacket, labels: string[]): string[] {
  const c = packet.customer;
  const l = packet.labels;
  const tried = packet.tried.map((t) => `${t.title} ${triedDetail(packet, t)}`).join('; ') || l.nothing_matched;
  return [
    `${handoffTo(packet)} (${packet.statusText}): ${packet.reasonText}`,
    `  ${l.customer}: ${customerOn(packet)}; ${historyText(packet)}; ${c.identities.join(', ')}`,
    ...c.recent.map((r) => `    ${l.earlier}: "${r.question}" (${r.state.replace('_', ' ')}, ${r.at.slice(0, 10)})`),
    `  ${l.question}: "${packet.question}"`,
    ...(packet.summary ? packet.summary.split('\n').map((line, i) => (i === 0 ? `  ${l.summary}: ${line}` : `    ${line}`)) : []),
    `  ${l.tried} (${l.confidence} ${packet.confidence.toFixed(2)}): ${tried}`,
    `  ${l.transcript}:`,
    ...packet.transcript.map((line) => `    ${speaker(packet, line)}: ${line.text.replace(/\s+/g, ' ')}`),
    `  ${l.conversation} ${packet.conversationId}: ${packet.thread.link ?? `${packet.thread.platform} ${packet.thread.channelId}/${packet.thread.threadId}`}`,
    ...(labels.length ? [buttons(labels)] : []),
  ];
}

const buttons = (labels: string[]) => labels.map((l) => `[${l}]`).join(' ');
const indent = (text: string, by: number) => text.split('\n').map((line) => `${' '.repeat(by)}${line}`);
