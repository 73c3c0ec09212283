import { describe, expect, it } from 'vitest';
import { asksForPerson, asksNothingYet, choiceNamed, rejectsAnswer, saysYes, typedChoice } from '../../src/engine/intents.js';

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
    ['maybe the first?', 1],
    ['probably 2', 2],
  ])('%j picks choice %i', (text, position) => {
    expect(typedChoice(text)).toBe(position);
  });

  it.each(['2 users', 'I have 2 accounts', '10', 'first I need to log in', 'one'])('%j is not a choice', (text) => {
    expect(typedChoice(text)).toBeUndefined();
  });

  it.each(['hi', 'Hello?', 'hey there 👋', 'good evening', 'hi again', 'hiii, thanks', 'help', 'Hi, I have a question', 'can you help me?', 'I need help please', 'is anyone there?', '?', 'one more question',
    'how are you?', "hey, how's it going?", 'are you a bot?', 'who are you', 'lol', 'test', 'testing 123', 'bonjour', 'hola!', '🔥🔥🔥', '2', '7', 'ok'])(
    '%j asks nothing yet',
    (text) => {
      expect(asksNothingYet(text)).toBe(true);
    },
  );

  it.each(['hi, I forgot my password', 'hello, can you help with billing?', 'high invoice', 'hey, my account is locked', 'I need help with my invoice', 'question about my plan', 'help me reset my password',
    'how are you handling my refund?', 'are you able to export to CSV?', 'test email never arrived', 'who are you sharing my data with', 'hola, no puedo entrar', '2FA'])(
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

  const titles = ['Request a refund', 'Switch to annual billing', 'Failed payments and the grace period'];
  it.each([
    ['the refund one', 1],
    ['annual billing please', 2],
    ['failed payment', 3],
    ['refunds', 1],
  ])('%j names choice %i', (text, position) => {
    expect(choiceNamed(text, titles)).toBe(position);
  });

  it.each(['how do I change my password', 'billing', 'the one about taxes', 'I want a refund for the annual plan I bought'])('%j names no single choice', (text) => {
    expect(choiceNamed(text, [...titles, 'Download invoices for billing'])).toBeUndefined();
  });

  it.each(['none of my shifts show up', 'neither app works on my phone'])('%j is a question, not "None of these"', (text) => {
    expect(rejectsAnswer(text)).toBeUndefined();
  });

  it.each(['can someone help me with this?', 'could somebody please help', 'can someone call me back?'])('%j asks for a person', (text) => {
    expect(asksForPerson(text)).toBe(true);
  });

  it.each(['can someone help me reset my password', 'could anyone help with exporting timesheets?'])('%j is a question', (text) => {
    expect(asksForPerson(text)).toBe(false);
  });

  it('reads adversarial input in linear time (a customer cannot stall the bot with "????…x")', () => {
    const started = performance.now();
    for (const text of ['?'.repeat(40) + 'x', '? '.repeat(40) + 'x', 'hi?'.repeat(40) + 'x', 'ok '.repeat(60) + 'x', 'test 123 '.repeat(20) + 'x', 'haha '.repeat(38) + 'x', 'how are you '.repeat(16) + 'x', 'hmm '.repeat(48) + 'x']) {
      asksNothingYet(text);
      saysYes(text);
      rejectsAnswer(text);
    }
    expect(performance.now() - started).toBeLessThan(500); // the exponential version took minutes
  });
});
