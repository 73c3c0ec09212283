import { describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { action, agent, engineFixture, message, otherCustomer, thread } from '../helpers/engine-fixture.js';

const id = conversationIdFor(thread);

describe('a customer question', () => {
  it('gets the article with Solved / Talk to a person when the match is confident', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('I forgot my password'), out);

    const answer = out.last('answer');
    expect(answer.title).toBe('Reset your password');
    expect(answer.citations).toEqual([{ id: 'reset-password', title: 'Reset your password', url: undefined }]);
    expect(answer.sourceLabel).toBe('Source');
    expect(answer.buttons.map((b) => [b.label, b.action])).toEqual([
      ['Solved', 'solved'],
      ['Talk to a person', 'talk-to-person'],
    ]);
    expect((await store.conversations.get(id))?.state).toBe('answered');
  });

  it('gets up to three choices and "None of these" when matches are close', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('something about my plan'), out);

    const suggestions = out.last('suggestions');
    expect(suggestions.choices.map((c) => c.id)).toEqual(['change-plan', 'cancel-plan']);
    expect(suggestions.buttons.map((b) => b.label)).toEqual(['Change your plan', 'Cancel your subscription', 'None of these']);
    expect(suggestions.text).toBe("I'm not completely sure what you need. Did you mean one of these?");
    expect((await store.conversations.get(id))?.state).toBe('suggesting');
  });

  it('asks about the one close match as one, not as "one of these"', async () => {
    const { engine } = await engineFixture({ rules: [[/plan/i, { suggest: ['change-plan'] }]] });
    const out = new RecordingOutbox();
    await engine.handle(message('something about my plan'), out);
    expect(out.last('suggestions')).toMatchObject({ text: "I'm not completely sure what you need. Did you mean this?", choices: [{ id: 'change-plan' }] });
  });

  it('answers with the chosen suggestion', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('something about my plan'), out);
    await engine.handle(action(id, 'choose', { value: 'cancel-plan' }), out);
    expect(out.last('answer').title).toBe('Cancel your subscription');
  });

  it.each([
    ['2', 'Cancel your subscription'],
    ['#1', 'Change your plan'],
    ['the second one', 'Cancel your subscription'],
    ['the cancel one', 'Cancel your subscription'],
  ])('takes a choice typed by its number or a word of its title (%j) as pressing it', async (typed, title) => {
    const { engine, matcher } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('something about my plan'), out);
    await engine.handle(message(typed), out);
    expect(out.last('answer').title).toBe(title);
    expect(matcher.questions).toEqual(['something about my plan']);
  });

  it('takes "yes" to a single "Did you mean this?" as that choice, and asks which for several', async () => {
    const single = await engineFixture({ rules: [[/plan/i, { suggest: ['change-plan'] }]] });
    const out = new RecordingOutbox();
    await single.engine.handle(message('something about my plan'), out);
    await single.engine.handle(message("yes, that's it"), out);
    expect(out.last('answer').title).toBe('Change your plan');

    const several = await engineFixture();
    const out2 = new RecordingOutbox();
    await several.engine.handle(message('something about my plan'), out2);
    await several.engine.handle(message('yes'), out2);
    expect(out2.last('suggestions').text).toBe('Which one did you mean? Type its number (1 to 2), or press None of these.');
    expect(several.matcher.questions).toEqual(['something about my plan']);
  });

  it('takes "thanks, that\'s all" after choices as solved (they followed a link), not as a new question', async () => {
    const { engine, store, matcher } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('something about my plan'), out);
    await engine.handle(message("thanks, that's all"), out);
    expect(out.last('survey').question).toContain('made it easy');
    expect((await store.conversations.get(id))?.resolution?.by).toBe('customer');
    expect(matcher.questions).toEqual(['something about my plan']);
  });

  it('takes a typed pick only from the customer who asked, as with the choice buttons', async () => {
    const { engine, matcher } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('something about my plan'), out);
    await engine.handle(message('2', { from: otherCustomer }), out);
    expect(out.kinds('thread')).not.toContain('answer');
    expect(matcher.questions).toContain('2'); // searched like any other words in the thread
  });

  it('offers the same choices again, saying how to pick, for a number not on the list', async () => {
    const { engine, store, matcher } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('something about my plan'), out);
    await engine.handle(message('3'), out);
    expect(out.kinds('thread')).toEqual(['suggestions', 'suggestions']);
    expect(out.last('suggestions')).toMatchObject({
      text: 'Which one did you mean? Type its number (1 to 2), or press None of these.',
      choices: [{ id: 'change-plan' }, { id: 'cancel-plan' }],
    });
    expect(out.kinds('agents')).toEqual([]);
    expect(matcher.questions).toEqual(['something about my plan']);
    expect((await store.conversations.get(id))?.failures).toBe(0);
    await engine.handle(message('1'), out);
    expect(out.last('answer').title).toBe('Change your plan');
  });

  it('hands off when nothing matches, and says so in the thread', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('my cat walked over the keyboard and now the moon is purple'), out);

    expect(out.kinds('thread')).toEqual(['handoff-notice']);
    expect(out.last('handoff-notice').text).toMatch(/support team.*person will reply/);
    expect(out.kinds('agents')).toEqual(['context-packet']);
    const saved = await store.conversations.get(id);
    expect(saved?.state).toBe('handed_off');
    expect(saved?.handoff?.reason).toBe('no-match');
    expect(saved?.team).toBe('support');
  });

  it('hands off an article marked handoff: true to its team, showing what will happen', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('I want a refund'), out);

    const notice = out.last('handoff-notice');
    expect(notice.team).toBe('billing');
    expect(notice.details).toContain('A person checks refunds');
    expect(out.last('context-packet').packet.reason).toBe('article-requires-person');
    expect(out.last('context-packet').packet.tried).toEqual([expect.objectContaining({ id: 'refunds', outcome: 'handed-off' })]);
  });

  it.each([
    'can I talk to a human please',
    'agent',
    'I need to speak with someone from support',
    'connect me to a real person',
  ])('hands off at once when the customer asks for a person: %s', async (text) => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message(text), out);
    expect(out.last('context-packet').packet.reason).toBe('asked-for-person');
  });

  it('takes "can someone help me?" after choices as asking for a person, not as a question to search', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('something about my plan'), out);
    await engine.handle(message('can someone help me with this?'), out);
    expect(out.kinds('thread')).toEqual(['suggestions', 'handoff-notice']);
    expect(out.last('context-packet').packet).toMatchObject({ reason: 'asked-for-person', team: 'billing' });
  });

  it('routes a request for a person to the team the words point at', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('I need to talk to a human about my invoice'), out);
    expect(out.last('context-packet').packet).toMatchObject({ reason: 'asked-for-person', team: 'billing' });
    expect(out.last('handoff-notice').team).toBe('billing');
  });

  it('hands off a frustrated customer instead of sending another article', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('this password reset is USELESS, nothing works!!!'), out);
    expect(out.kinds('thread')).toEqual(['handoff-notice']);
    expect(out.last('context-packet').packet.reason).toBe('frustrated');
  });

  it('hands off when "None of these" fits', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('question about my plan'), out);
    await engine.handle(action(id, 'none-of-these'), out);

    const packet = out.last('context-packet').packet;
    expect(packet.reason).toBe('none-fit');
    expect(packet.tried.map((t) => [t.id, t.outcome])).toEqual([
      ['change-plan', 'rejected'],
      ['cancel-plan', 'rejected'],
    ]);
    expect((await store.conversations.get(id))?.state).toBe('handed_off');
  });

  it('hands off when the answer did not help ("Talk to a person")', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(action(id, 'talk-to-person'), out);
    const packet = out.last('context-packet').packet;
    expect(packet.reason).toBe('not-helped');
    expect(packet.reasonText).toBe('The customer is still stuck after the answer (asked for a person from it, said it did not help, or asked about the same thing again).');
    expect(packet.tried).toEqual([expect.objectContaining({ id: 'reset-password', outcome: 'rejected' })]);
  });

  it('does not repeat a rejected article, and hands off after repeated failure', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(message("that didn't help, the password reset email never arrives"), out);
    expect(out.kinds('thread')).toEqual(['answer', 'handoff-notice']);
    expect(out.last('context-packet').packet.reason).toBe('not-helped');
  });

  it('treats thanks after an answer as solved and asks the survey', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(message('thanks, that worked!'), out);
    expect(out.kinds('thread')).toEqual(['answer', 'text', 'survey']);
  });

  it('lets an agent hand an answered conversation to a team with /handoff', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle({ kind: 'command', eventId: 'cmd-1', name: 'handoff', args: ['billing'], from: agent, thread }, out);
    expect(out.last('context-packet').packet.team).toBe('billing');
    expect(out.last('handoff-notice').team).toBe('billing');
  });
});
