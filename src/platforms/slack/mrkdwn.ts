import { escapeText, link } from './slack-text.js';

/**
 * Knowledge-base markdown to Slack mrkdwn: **bold** → *bold*, *italic* → _italic_, [text](url) → <url|text>,
 * headings → bold lines, bullets → •, code kept. Everything else is escaped so Slack shows it as written.
 */
export function toMrkdwn(markdown: string): string {
  let inFence = false;
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n').map((line) => {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      return '```';
    }
    if (inFence) return escapeText(line);
    return convertLine(line);
  });
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function convertLine(line: string): string {
  const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
  if (heading) return `*${inline(heading[1] ?? '').replace(/\*/g, '')}*`;
  if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) return '───';
  const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
  if (bullet) return `${' '.repeat((bullet[1] ?? '').length)}• ${inline(bullet[2] ?? '')}`;
  const quote = /^\s{0,3}>\s?(.*)$/.exec(line);
  if (quote) return `> ${inline(quote[1] ?? '')}`;
  return inline(line);
}

/** Inline markup; `code spans` are kept literally. */
function inline(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? escapeText(part) : formatted(part)))
    .join('');
}

const BOLD = '\u0001';
const LINK = '\u0002';

function formatted(text: string): string {
  const links: string[] = [];
  const withoutLinks = text.replace(/!?\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_whole, label: string, url: string) => {
    links.push(link(url, label.replace(/\*\*|__/g, '')));
    return `${LINK}${links.length - 1}${LINK}`;
  });
  return escapeText(withoutLinks)
    .replace(/\*\*(.+?)\*\*|__(.+?)__/g, (_whole, a?: string, b?: string) => `${BOLD}${a ?? b}${BOLD}`)
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1_$2_')
    .replace(/~~(.+?)~~/g, '~$1~')
    .replace(new RegExp(BOLD, 'g'), '*')
    .replace(new RegExp(`${LINK}(\\d+)${LINK}`, 'g'), (_whole, i: string) => links[Number(i)] ?? '');
}

/**
 * Splits mrkdwn into pieces of at most `max` characters (a section block holds 3000), at paragraph
 * breaks where possible, then at line breaks, then anywhere.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim()) pieces.push(current.trim());
    current = '';
  };
  for (const paragraph of text.split(/\n{2,}/)) {
    const joined = current ? `${current}\n\n${paragraph}` : paragraph;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    push();
    for (const line of paragraph.split('\n')) {
      const next = current ? `${current}\n${line}` : line;
      if (next.length <= max) {
        current = next;
        continue;
      }
      push();
      // a line longer than a section: cut at the last space that fits (a word cut in two reads badly)
      let rest = line;
      while (rest.length > max) {
        const space = rest.lastIndexOf(' ', max);
        const cut = space > max / 2 ? space : max;
        current = rest.slice(0, cut);
        push();
        rest = rest.slice(cut);
      }
      current = rest;
    }
  }
  push();
  return pieces;
}
