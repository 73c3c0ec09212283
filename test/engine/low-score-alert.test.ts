import { describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { action, agent, engineFixture, message, thread } from '../helpers/engine-fixture.js';

const id = conversationIdFor(thread);

describe('the low-score alert to the agents', () => {
  it('after a handoff, says the customer talked to the team', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('talk to a human'), out);
    await engine.handle(action(id, 'resolve', { from: agent }), out);
    await engine.handle(action(id, 'rate', { value: '1:2' }), out);
    expect(out.last('alert').text).toBe('Low effort score: Dana Customer rated 2/7 (Disagree) after talking to the support team.');
  });

  it('when the bot solved it alone, says so instead of naming a team nobody talked to', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(action(id, 'solved'), out);
    await engine.handle(action(id, 'rate', { value: '1:1' }), out);
    expect(out.last('alert').text).toBe('Low effort score: Dana Customer rated 1/7 (Strongly disagree) after the bot handled it alone, without a handoff.');
  });

  it('when an agent resolved what the bot had answered, says the customer talked to the team', async () => {
    const { engine } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(action(id, 'resolve', { from: agent }), out);
    await engine.handle(action(id, 'rate', { value: '1:1' }), out);
    expect(out.last('alert').text).toBe('Low effort score: Dana Customer rated 1/7 (Strongly disagree) after talking to the accounts team.');
  });
});
