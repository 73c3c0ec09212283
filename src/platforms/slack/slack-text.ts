/** Slack's message markup in and out: what the engine reads, and what Slack will display as typed. */

/**
 * What a person typed, as plain words: the bot's own mention removed, mentions as their names (or ids), a
 * labelled link as "label (address)" — an agent's relayed "see <https://…|this page>" must keep where it points —
 * and Slack's three escaped characters restored.
 */
export function plainTextOf(text: string, botUserId: string | undefined): string {
  const withoutBot = botUserId ? text.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g'), ' ') : text;
  return withoutBot
    .replace(/<[@#!][^|>]*\|([^>]+)>/g, '$1') // <@U123|casey>, <#C123|general>, <!subteam^S1|@team> -> their names
    .replace(/<([@#])([^|>]+)\|?>/g, '$1$2') // <@U123>, <#C123|> -> @U123, #C123
    .replace(/<!(here|channel|everyone)>/g, '@$1')
    .replace(/<(?:mailto:)?([^@#!|>][^|>]*)\|([^>]+)>/g, (_, address: string, label: string) => (sameAddress(address, label) ? label : `${label} (${address})`))
    .replace(/<(?:mailto:)?([^@#!][^>]*)>/g, '$1') // <https://x> -> https://x
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Slack labels pasted links with the address itself (without https://, or an e-mail address). */
const sameAddress = (address: string, label: string) => address === label || address.replace(/^https?:\/\//, '').replace(/\/$/, '') === label.replace(/\/$/, '');

/** Text from the engine or the knowledge base, shown literally: Slack reads &, < and > as markup. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link in mrkdwn; the label may not contain the characters that end the link. */
export function link(url: string, label: string): string {
  return `<${url.replace(/[<>|\s]/g, encodeURIComponent)}|${escapeText(label).replace(/\|/g, '¦')}>`;
}

/** Cuts text to Slack's limit for a field, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
