import { stem } from './stem.js';

/**
 * Words that say nothing about which article fits. Kept short on purpose: question words and negations
 * ("why", "not", "can't") separate intents such as "why was my card declined" from "how do I get a card".
 */
const STOP_WORDS = new Set(
  ('a an the and or but of to in on at by for with from as into about than then so if ' +
    'i me my mine we us our you your yours it its this that these those there here ' +
    'is am are was were be been being do does did done have has had having ' +
    'please hi hello hey thanks thank just also really very some any')
    .split(' '),
);

/** Lower case, accents off, apostrophes joined ("can't" → "cant"), everything but letters and digits → space. */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Stemmed content words. */
export function wordTokens(text: string): string[] {
  const words = normalize(text).split(' ').filter((w) => w && !STOP_WORDS.has(w));
  return words.map(stem);
}

/** Word unigrams plus adjacent-pair bigrams ("top up", "card declin"), which carry most intent detail. */
export function wordNgrams(text: string): string[] {
  const words = wordTokens(text);
  const grams = [...words];
  for (let i = 1; i < words.length; i++) grams.push(`${words[i - 1]} ${words[i]}`);
  return grams;
}

/**
 * Character n-grams inside word boundaries (each word padded with spaces), like scikit-learn's char_wb:
 * robust to typos, inflections and joined words ("topup" vs "top up").
 */
export function charNgrams(text: string, min = 3, max = 5): string[] {
  const grams: string[] = [];
  for (const word of normalize(text).split(' ')) {
    if (!word) continue;
    const padded = ` ${word} `;
    for (let n = min; n <= max; n++) {
      if (padded.length < n) {
        if (n === min) grams.push(padded);
        break;
      }
      for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
    }
  }
  return grams;
}
