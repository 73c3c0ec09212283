import type { ContextPacket, Reply } from '../../engine/types.js';

/** Plain-text rendering of engine replies for the console. Buttons show as [Label]. */
export function renderReply(reply: Reply): string[] {
  switch (reply.kind) {
    case 'text':
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
    case 'alert':
      return [reply.text, ...(reply.comment ? [`  Comment: "${reply.comment}"`] : []), `  Question: "${reply.packet.question}"`, `  Conversation: ${reply.packet.conversationId}`];
  }
}

export function renderPacket(packet: ContextPacket, labels: string[]): string[] {
  const c = packet.customer;
  const ces = c.lastCes ? `, last CES ${c.lastCes.score}/7` : '';
  return [
    `Handoff to ${packet.team} (${packet.statusText}): ${packet.reasonText}`,
    `  Customer: ${c.name} on ${c.platform}; ${c.conversations} conversation(s)${ces}; identities ${c.identities.join(', ')}`,
    ...c.recent.map((r) => `    earlier: "${r.question}" (${r.state.replace('_', ' ')}, ${r.at.slice(0, 10)})`),
    `  Question: "${packet.question}"`,
    ...(packet.summary ? packet.summary.split('\n').map((line, i) => (i === 0 ? `  Summary: ${line}` : `           ${line}`)) : []),
    `  Bot tried (confidence ${packet.confidence.toFixed(2)}): ${packet.tried.map((t) => `${t.title} ${t.score.toFixed(2)} ${t.outcome}`).join('; ') || 'nothing matched'}`,
    '  Transcript:',
    ...packet.transcript.map((l) => `    ${l.from}${l.name ? ` (${l.name})` : ''}: ${l.text.replace(/\s+/g, ' ')}`),
    `  Thread: ${packet.thread.link ?? `${packet.thread.platform} ${packet.thread.channelId}/${packet.thread.threadId}`}`,
    ...(labels.length ? [buttons(labels)] : []),
  ];
}

const buttons = (labels: string[]) => labels.map((l) => `[${l}]`).join(' ');
const indent = (text: string, by: number) => text.split('\n').map((line) => `${' '.repeat(by)}${line}`);
