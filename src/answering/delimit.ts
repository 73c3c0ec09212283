import type { TranscriptLine, TriedArticle } from '../engine/types.js';
import type { Article } from '../knowledge/article.js';

/**
 * Customer and article text reach the model only inside tagged blocks, and the prompt's rules say that
 * anything inside a block is data. Text cannot close its block early or open a new one: any of these
 * tag names inside it loses its "<".
 */
export const BLOCK_TAGS = ['articles', 'article', 'conversation', 'message', 'question', 'tried', 'rules'] as const;

const TAG_LOOKALIKE = new RegExp(`<(\\s*/?\\s*)(${BLOCK_TAGS.join('|')})\\b`, 'gi');

/** Caps keep one huge paste or article from crowding out the rest (and the bill). */
export const LIMITS = { question: 2000, articleBody: 6000, line: 600, historyLines: 8, transcriptLines: 20 } as const;

export function neutralise(text: string, max: number): string {
  const clipped = text.length > max ? `${text.slice(0, max)} […]` : text;
  return clipped.replace(TAG_LOOKALIKE, '&lt;$1$2');
}

const attribute = (value: string) => neutralise(value, 200).replace(/"/g, '&quot;').replace(/\s+/g, ' ');

export function articleBlocks(articles: readonly Article[]): string {
  const blocks = articles.map((a) => {
    const attrs = `id="${attribute(a.id)}" title="${attribute(a.title)}"${a.url ? ` url="${attribute(a.url)}"` : ''} handoff="${a.handoff}"`;
    return `<article ${attrs}>\n${neutralise(a.body.trim(), LIMITS.articleBody)}\n</article>`;
  });
  return `<articles>\n${blocks.join('\n')}\n</articles>`;
}

export function questionBlock(question: string): string {
  return `<question>\n${neutralise(question.trim(), LIMITS.question)}\n</question>`;
}

/** This conversation only: the lines the engine passed in, newest last. */
export function conversationBlock(lines: readonly TranscriptLine[], keep: number): string {
  const recent = lines.slice(-keep);
  if (recent.length === 0) return '<conversation>\n(no earlier messages)\n</conversation>';
  const messages = recent.map((l) => `<message from="${l.from}">${neutralise(l.text.trim(), LIMITS.line)}</message>`);
  return `<conversation>\n${messages.join('\n')}\n</conversation>`;
}

/** What each outcome means, spelled out for the model (a bare "considered" reads as "offered"). */
const OUTCOMES: Record<TriedArticle['outcome'], string> = {
  answered: 'answered (sent to the customer as the answer)',
  suggested: 'suggested (offered to the customer as a choice)',
  considered: 'considered (the closest match, never shown to the customer)',
  'handed-off': 'handed off (it matched, but says a person must handle it)',
  rejected: 'rejected (shown, and the customer said it did not help or fit)',
};

export function triedBlock(tried: readonly TriedArticle[]): string {
  if (tried.length === 0) return '<tried>\n(nothing yet)\n</tried>';
  return `<tried>\n${tried.map((t) => `- ${attribute(t.title)} (${attribute(t.id)}): ${OUTCOMES[t.outcome]}`).join('\n')}\n</tried>`;
}

/** True when a reply repeats our block markup: a sign it is echoing the prompt rather than answering. */
export function echoesMarkup(text: string): boolean {
  return new RegExp(`<\\s*/?\\s*(${BLOCK_TAGS.join('|')})\\b`, 'i').test(text);
}
