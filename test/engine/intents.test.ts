import { describe, expect, it } from 'vitest';
import { saysHello, typedChoice } from '../../src/engine/intents.js';

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

  it.each(['hi', 'Hello?', 'hey there 👋', 'good evening', 'hi again', 'hiii, thanks'])('%j only says hello', (text) => {
    expect(saysHello(text)).toBe(true);
  });

  it.each(['hi, I forgot my password', 'hello, can you help with billing?', 'high invoice', 'hey, my account is locked'])('%j is more than hello', (text) => {
    expect(saysHello(text)).toBe(false);
  });
});
