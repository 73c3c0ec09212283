import { fill } from './texts.js';
import type { ContextPacket, TranscriptLine, TriedArticle } from './types.js';

/**
 * The pieces of a context packet every renderer words the same way, from the packet's labels
 * (prompts/messages.yml): adapters only add their own markup around them.
 */

/** "3 conversations · last CES 5/7". */
export function historyText(packet: ContextPacket): string {
  const { labels, customer } = packet;
  const count = customer.conversations === 1 ? labels.conversations_one : fill(labels.conversations_many, { count: customer.conversations });
  return customer.lastCes ? `${count} · ${fill(labels.last_ces, { score: customer.lastCes.score })}` : count;
}

/** "Handoff to billing", with the team name as given (adapters may pass it marked up). */
export const handoffTo = (packet: ContextPacket, team: string = packet.team): string => fill(packet.labels.handoff_to, { team });

/** "Dana on slack". */
export const customerOn = (packet: ContextPacket, name: string = packet.customer.name): string =>
  fill(packet.labels.customer_on, { customer: name, platform: packet.customer.platform });

/** Who said a transcript line: "customer (Dana)", "bot". */
export const speaker = (packet: ContextPacket, line: TranscriptLine, name: string | undefined = line.name): string =>
  name ? `${packet.labels.speakers[line.from]} (${name})` : packet.labels.speakers[line.from];

/** "(0.31, rejected)": how well an article matched and what became of it. */
export const triedDetail = (packet: ContextPacket, tried: TriedArticle): string => `(${tried.score.toFixed(2)}, ${packet.labels.outcomes[tried.outcome]})`;
