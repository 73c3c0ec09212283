import { escapeMarkdown } from 'discord.js';
import { fill } from '../../../engine/texts.js';
import type { ContextPacket } from '../../../engine/types.js';

/** Discord's limits on what a message may carry. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  buttonLabel: 80,
  selectOption: 100,
  modalTitle: 45,
  modalLabel: 45,
  threadName: 100,
} as const;

/** Cuts text to a limit, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/**
 * Long text in pieces of at most `max` characters, each cut at the last line break (else space) that fits, so
 * a long relayed message arrives whole, in several posts.
 */
export function pieces(text: string, max: number): string[] {
  const result: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const at = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const cut = at > max / 2 ? at : max;
    result.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[ \n]/, '');
  }
  return [...result, rest];
}

/** Cuts long text at the last line break that fits (a half line reads worse than a missing one). */
export function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 2);
  const lineEnd = cut.lastIndexOf('\n');
  return `${lineEnd > max / 2 ? cut.slice(0, lineEnd) : cut.trimEnd()}\n…`;
}

/** Knowledge-base markdown as Discord shows it: embeds ignore `#` headings, and images become links. */
export function discordMarkdown(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s+(.+?)\s*#*\s*$/gm, '**$1**')
    .replace(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, '[$1]($2)')
    .trim();
}

/**
 * Text people typed, shown literally: no accidental bold, no headings or lists, and no masked links — a
 * customer's "[Verify your account](https://…)" would otherwise be a link the bot posts to the agents.
 */
export function literal(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
}

export function quote(text: string, max: number): string {
  return truncate(literal(text), max)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

export function link(label: string, url: string): string {
  return `[${label.replace(/[[\]]/g, '')}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}

/** A link to the customer's thread for agents; a direct message has none they could open. */
export function threadLink(packet: ContextPacket): string {
  const { thread, labels } = packet;
  if (thread.isDirect) return labels.in_direct_message;
  return thread.link ? link(labels.open_thread, thread.link) : fill(labels.in_channel, { channel: `<#${thread.threadId}>` });
}
