import { describe, expect, it } from 'vitest';
import { stem } from '../../src/matching/stem.js';
import { charNgrams, normalize, wordNgrams, wordTokens } from '../../src/matching/text.js';

describe('text normalisation', () => {
  it('lower-cases, strips accents and punctuation, and joins apostrophes', () => {
    expect(normalize("  Can't LOG-IN — café?! ")).toBe('cant log in cafe');
  });

  it('drops stop words but keeps question words and negations', () => {
    expect(wordTokens('Why was my card not accepted?')).toEqual(['why', 'card', 'not', 'accept']);
  });

  it('adds adjacent word pairs to the words', () => {
    expect(wordNgrams('top up failed')).toEqual(['top', 'up', 'fail', 'top up', 'up fail']);
  });

  it('makes char n-grams inside word boundaries', () => {
    expect(charNgrams('Top up', 3, 4)).toEqual([' to', 'top', 'op ', ' top', 'top ', ' up', 'up ', ' up ']);
  });
});

describe('stem', () => {
  it.each([
    ['refunds', 'refund'],
    ['refunded', 'refund'],
    ['refunding', 'refund'],
    ['charges', 'charg'],
    ['charged', 'charg'],
    ['stopped', 'stop'],
    ['deliveries', 'delivery'],
    ['billing', 'bill'],
    ['status', 'status'],
    ['business', 'business'],
    ['2fa', '2fa'],
  ])('%s → %s', (word, stemmed) => {
    expect(stem(word)).toBe(stemmed);
  });
});
