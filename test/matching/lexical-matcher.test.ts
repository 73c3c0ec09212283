import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../src/matching/create-matcher.js';
import { decide } from '../../src/matching/decide.js';
import { LEXICAL_CHANNELS, lexicalScorer } from '../../src/matching/lexical-scorer.js';
import { phrasingTable } from '../../src/matching/phrasings.js';
import { MAX_QUESTION_CHARS } from '../../src/matching/scoring-matcher.js';
import type { Candidate } from '../../src/matching/types.js';
import { article, helpCentre, knowledgeOf } from './knowledge-factory.js';

const lexical = (articles = helpCentre(), thresholds = {}) => createMatcher(knowledgeOf(articles), { kind: 'lexical', thresholds });
const ids = (candidates: Candidate[]) => candidates.map((c) => c.article.id);

describe('lexical matcher ranking', () => {
  it('puts the article whose phrasings fit best first, for reworded questions', async () => {
    const matcher = await lexical();
    const cases: Array<[string, string]> = [
      ['forgot password', 'reset-password'],
      ['How can I download my invoice?', 'invoices'],
      ['the Slack app stopped posting notifications', 'slack-integration'],
      ['I would like my money back', 'refund'],
      ['please cancel the subscription', 'cancel-plan'],
      ['upgrading to business', 'change-plan'],
    ];
    for (const [question, expected] of cases) {
      expect(ids((await matcher.match(question)).candidates)[0], question).toBe(expected);
    }
  });

  it('matches the beginning of a very long message (a pasted log) and gives back the whole question', async () => {
    const matcher = await lexical();
    const pasted = `forgot password, log follows: ${Array.from({ length: 20_000 }, (_, i) => `line${i} error`).join(' ')}`;
    const result = await matcher.match(pasted);
    expect(ids(result.candidates)[0]).toBe('reset-password');
    expect(result.question).toBe(pasted);
    // what was matched is the first MAX_QUESTION_CHARS: the same scores as for that much alone
    expect((await matcher.match(pasted.slice(0, MAX_QUESTION_CHARS))).candidates).toEqual(result.candidates);
    expect((await matcher.match(pasted.slice(0, MAX_QUESTION_CHARS + 500))).candidates).toEqual(result.candidates);
  });

  it('returns calibrated scores in [0, 1], best first, at most `limit`', async () => {
    const matcher = await lexical();
    const { candidates } = await matcher.match('cancel my plan', { limit: 4 });
    expect(candidates).toHaveLength(4);
    for (const [i, c] of candidates.entries()) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(1);
      if (i > 0) expect(c.score).toBeLessThanOrEqual(candidates[i - 1]!.score);
    }
  });

  it('scores article bodies too: a word found only in an answer points at it', () => {
    const table = phrasingTable(helpCentre());
    const scorer = lexicalScorer.build(table);
    const body = scorer.score({ text: 'where is the Integrations page' })[LEXICAL_CHANNELS.indexOf('word-body')]!;
    expect(helpCentre()[body.indexOf(Math.max(...body))]!.id).toBe('slack-integration');
  });

  it('tolerates typos and joined words through character n-grams', async () => {
    const matcher = await lexical();
    expect(ids((await matcher.match('pasword resett'))[`candidates`])[0]).toBe('reset-password');
  });
});

describe('lexical matcher decisions', () => {
  it('answers a question that repeats a phrasing', async () => {
    const { decision } = await (await lexical()).match('I forgot my password');
    expect(decision).toMatchObject({ kind: 'answer', article: { id: 'reset-password' } });
  });

  it('answers with a handoff article like any other (the engine routes it to a person)', async () => {
    const { decision } = await (await lexical()).match('I want a refund');
    expect(decision).toMatchObject({ kind: 'answer', article: { id: 'refund', handoff: true } });
  });

  it('suggests close candidates when the question is vague', async () => {
    const { decision } = await (await lexical()).match('change or cancel');
    expect(decision.kind).toBe('suggest');
    if (decision.kind !== 'suggest') return;
    expect(decision.candidates.length).toBeGreaterThanOrEqual(1);
    expect(decision.candidates.length).toBeLessThanOrEqual(3);
    expect(['change-plan', 'cancel-plan']).toContain(ids(decision.candidates)[0]);
  });

  it('hands off when nothing fits', async () => {
    const { decision } = await (await lexical()).match('my cat walked over the keyboard and now the moon is purple');
    expect(decision).toEqual({ kind: 'handoff', reason: 'no-match' });
  });

  it('hands off empty questions and empty knowledge with their own reasons', async () => {
    expect((await (await lexical()).match(' ?! ')).decision).toEqual({ kind: 'handoff', reason: 'empty-question' });
    expect((await (await lexical([])).match('hello')).decision).toEqual({ kind: 'handoff', reason: 'empty-knowledge' });
  });

  it('takes threshold overrides from config', async () => {
    const strict = await lexical(helpCentre(), { answer: 0.999 });
    expect(strict.thresholds.answer).toBe(0.999);
    expect((await strict.match('I forgot the password')).decision.kind).toBe('suggest');
    // a question the article lists word for word is still answered: the admins wrote it there
    expect((await strict.match('I forgot my password')).decision).toMatchObject({ kind: 'answer', article: { id: 'reset-password' }, written: true });
  });

  it('ranks identical articles deterministically', async () => {
    const twins = [article({ id: 'a', title: 'Same words' }), article({ id: 'b', title: 'Same words' })];
    const first = await (await lexical(twins)).match('same words');
    expect(ids(first.candidates)).toEqual(['a', 'b']);
    expect(first.decision.kind).not.toBe('answer'); // no margin between twins
  });
});

describe('decide', () => {
  const c = (id: string, score: number): Candidate => ({ article: article({ id }), score });
  const t = { answer: 0.6, suggest: 0.3, margin: 0.1 };

  it('answers only when the leader is both high and clear of the runner-up', () => {
    expect(decide([c('a', 0.7), c('b', 0.55)], t)).toMatchObject({ kind: 'answer', article: { id: 'a' }, score: 0.7 });
    expect(decide([c('a', 0.7), c('b', 0.65)], t).kind).toBe('suggest');
    expect(decide([c('a', 0.6), c('b', 0)], t).kind).toBe('answer');
  });

  it('suggests at most three candidates that reach the suggest threshold', () => {
    const decision = decide([c('a', 0.5), c('b', 0.45), c('c', 0.4), c('d', 0.35), c('e', 0.1)], t);
    expect(decision.kind === 'suggest' && ids(decision.candidates)).toEqual(['a', 'b', 'c']);
    const few = decide([c('a', 0.5), c('b', 0.2)], t);
    expect(few.kind === 'suggest' && ids(few.candidates)).toEqual(['a']);
  });

  it('hands off below the suggest threshold or with no candidates', () => {
    expect(decide([c('a', 0.29)], t)).toEqual({ kind: 'handoff', reason: 'no-match' });
    expect(decide([], t)).toEqual({ kind: 'handoff', reason: 'no-match' });
  });
});
