// Fixtures and signatures checked against Bolt's own verification and Slack's documented shapes.
import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createSlackFixtures, DEFAULT_IDS, signSlackRequest } from './index.js';

describe('signSlackRequest', () => {
  it('produces headers Bolt accepts, and Bolt rejects them for another body', () => {
    const body = '{"type":"event_callback"}';
    const headers = signSlackRequest('secret', body);
    const asBoltSeesThem = {
      'x-slack-signature': headers['X-Slack-Signature'],
      'x-slack-request-timestamp': Number(headers['X-Slack-Request-Timestamp']),
    };
    expect(() => verifySlackRequest({ signingSecret: 'secret', body, headers: asBoltSeesThem })).not.toThrow();
    expect(() => verifySlackRequest({ signingSecret: 'secret', body: `${body} `, headers: asBoltSeesThem })).toThrow(
      'signature mismatch',
    );
  });
});

describe('createSlackFixtures', () => {
  const fixtures = createSlackFixtures();

  it('builds message events with unique increasing ts and the channel type of the id', () => {
    const first = fixtures.messageEvent();
    const reply = fixtures.messageEvent({ channel: 'D0DIRECT01', thread_ts: String(first.ts) });
    expect(first).toMatchObject({ type: 'message', user: DEFAULT_IDS.userId, channel_type: 'channel' });
    expect(reply).toMatchObject({ channel_type: 'im', thread_ts: first.ts });
    expect(Number(reply.ts)).toBeGreaterThan(Number(first.ts));
    const envelope = fixtures.eventCallback(first);
    expect(envelope).toMatchObject({ type: 'event_callback', team_id: DEFAULT_IDS.teamId, event: first });
    expect(envelope.event_id).not.toBe(fixtures.eventCallback(first).event_id);
  });

  it('presses the button of a given message, found by action_id and value', () => {
    const message = {
      channel: 'C0SUPPORT1',
      ts: '1700000001.000100',
      thread_ts: '1700000000.000100',
      blocks: [
        {
          type: 'actions',
          block_id: 'ces',
          elements: [1, 2, 3].map((score) => ({
            type: 'button',
            action_id: 'ces_score',
            value: String(score),
            text: { type: 'plain_text', text: String(score) },
          })),
        },
      ],
    };
    const press = fixtures.blockActionsPayload({ message, action_id: 'ces_score', value: '2' });
    expect(press.actions).toEqual([
      expect.objectContaining({ type: 'button', action_id: 'ces_score', block_id: 'ces', value: '2' }),
    ]);
    expect(press.container).toMatchObject({ channel_id: 'C0SUPPORT1', message_ts: message.ts, thread_ts: message.thread_ts });
    expect(press.message).not.toHaveProperty('channel');
    expect(() => fixtures.blockActionsPayload({ message, action_id: 'missing' })).toThrow('No button');
  });

  it('submits a view with the given values and the opened view’s ids', () => {
    const values = { comment: { comment_input: { type: 'plain_text_input', value: 'Too slow' } } };
    const submission = fixtures.viewSubmissionPayload({
      view: { id: 'V0VIEW00001', callback_id: 'ces_comment', private_metadata: '{"c":1}' },
      values,
    });
    expect(submission.view).toMatchObject({ id: 'V0VIEW00001', callback_id: 'ces_comment', state: { values } });
  });

  it('builds slash command fields as strings', () => {
    const command = fixtures.slashCommandBody({ text: 'claim' });
    expect(command).toMatchObject({ command: '/threadline', text: 'claim', channel_id: DEFAULT_IDS.channelId });
    expect(Object.values(command).every((value) => typeof value === 'string')).toBe(true);
  });
});
