/**
 * Reads a CES answer typed as a message instead of pressed as a button. English, rule-based and strict: only
 * what is plainly an answer to the 1–7 question counts, so a real new question never becomes a score.
 */

export type TypedRating = number | 'unclear';

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const NUMBER = `-?\\d+(?:[.,]\\d+)?|${NUMBER_WORDS.join('|')}`;
/** "I'd say 6", "I give it a 6", "rating: 6", "a 6". */
const LEAD_IN = /^(?:i(?:'d| would)? (?:say|give|rate)(?: (?:it|you|you guys|this|that|us))?(?: an?)? |(?:my )?(?:rating|score|answer)(?: is)?:? |an? )/;
/** "6", "6/7", "six out of seven", "6 out of 7 stars" ("5 stars" alone is unclear), "6 - agree", "7 (strongly agree)". */
const RATING = new RegExp(`^(?<n>${NUMBER})(?: ?(?:/|out of|of) ?(?<of>${NUMBER}))?(?: ?(?<stars>stars?))?(?:(?: ?[-–—:,(] ?| )(?<words>[a-z' ]+))?$`);
/** What may follow a number without making it something else: scale words and thanks. */
const AFTER_NUMBER = /^(?:strongly|somewhat|neither|nor|agree|disagree|neutral|thanks|thank you|thx|cheers|and|i|\s)+$/;

/**
 * The score (1–7) a typed reply gives; 'unclear' for a number that is no answer on the scale ("8", "0",
 * "10/10", "4 out of 5"); undefined for anything that is not a rating at all. `labels` are the scale's
 * labels from messages.yml, 1 first, so "Strongly agree" counts as 7.
 */
export function readRating(text: string, labels: readonly string[]): TypedRating | undefined {
  const said = normalise(text);
  const byLabel = labels.findIndex((label) => normalise(label) === said.replace(/^i /, ''));
  if (byLabel >= 0) return byLabel + 1;

  const match = RATING.exec(said.replace(LEAD_IN, ''));
  if (!match?.groups) return undefined;
  const { n, of, stars, words } = match.groups;
  if (words && !AFTER_NUMBER.test(words)) return undefined;
  const score = valueOf(n!);
  // a bare big number is an order number or a year, not a score: a new message, not "answer 1 to 7"
  if (of === undefined && !stars && !words && Math.abs(score) > 10) return undefined;
  if (of !== undefined && valueOf(of) !== labels.length) return 'unclear';
  // stars are usually out of five: "5 stars" may well mean the top of the scale, so ask rather than store 5/7
  if (stars && of === undefined) return 'unclear';
  return Number.isInteger(score) && score >= 1 && score <= labels.length ? score : 'unclear';
}

function valueOf(number: string): number {
  const word = NUMBER_WORDS.indexOf(number);
  return word >= 0 ? word : Number(number.replace(',', '.'));
}

/** Lower case, keycap emoji as digits (7️⃣), straight apostrophes, no surrounding punctuation or emoji. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/(\d)\uFE0F?\u20E3/gu, '$1')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}-]+|[^\p{L}\p{N})]+$/gu, '')
    .replace(/\)$/, '');
}
