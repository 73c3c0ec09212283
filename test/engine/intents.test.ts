import { describe, expect, it } from 'vitest';
import { asksNothingYet, saysYes, typedChoice } from '../../src/engine/intents.js';

describe('what a short message means', () => {
  it.each([
    ['2', 2],
    ['#3', 3],
    ['option 1', 1],
    ['no. 2', 2],
    ['1.', 1],
    ['the first one', 1],
    ['Second', 2],
    ['3rd', 3],
  ])('%j picks choice %i', (text, position) => {
    expect(typedChoice(text)).toBe(position);
  });

  it.each(['2 users', 'I have 2 accounts', '10', 'first I need to log in', 'one'])('%j is not a choice', (text) => {
    expect(typedChoice(text)).toBeUndefined();
  });

  it.each(['hi', 'Hello?', 'hey there 👋', 'good evening', 'hi again', 'hiii, thanks', 'help', 'Hi, I have a question', 'can you help me?', 'I need help please', 'is anyone there?', '?', 'one more question'])(
    '%j asks nothing yet',
    (text) => {
      expect(asksNothingYet(text)).toBe(true);
    },
  );

  it.each(['hi, I forgot my password', 'hello, can you help with billing?', 'high invoice', 'hey, my account is locked', 'I need help with my invoice', 'question about my plan', 'help me reset my password'])(
    '%j asks something',
    (text) => {
      expect(asksNothingYet(text)).toBe(false);
    },
  );

  it.each(['yes', 'Yep!', "yes, that's it", 'that one', 'yes please', 'correct'])('%j says yes', (text) => {
    expect(saysYes(text)).toBe(true);
  });

  it.each(['yes but it does not work', 'no', 'yesterday my invoice', 'right now I cannot log in'])('%j is not a plain yes', (text) => {
    expect(saysYes(text)).toBe(false);
  });
});
