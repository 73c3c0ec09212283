// Proof that the real Bolt 5 SDK runs against the local fake Slack, over HTTP and Socket Mode.
// The app below is a stand-in written for this test, not threadline's adapter.
import type { AddressInfo } from 'node:net';
import { App, LogLevel, webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack, type SlackEventSender } from './fakes/slack/index.js';

const BOT_TOKEN = 'xoxb-test-bot-token';
const APP_TOKEN = 'xapp-test-app-token';
const SIGNING_SECRET = 'test-signing-secret';

interface Seen {
  messages: Array<{ eventId: unknown; retryNum: number | undefined; text: string | undefined }>;
}

/** Answer in the thread with a button; the button opens a modal; /threadline acks and responds. */
function addListeners(app: App, seen: Seen): void {
  app.message(async ({ message, body, context, client }) => {
    if (message.subtype !== undefined) return;
    seen.messages.push({ eventId: body.event_id, retryNum: context.retryNum, text: message.text });
    await client.chat.postMessage({
      channel: message.channel,
      thread_ts: message.thread_ts ?? message.ts,
      text: 'Try restarting the sync.',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'Try restarting the sync.' } },
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'resolve', value: 'ticket-1', text: { type: 'plain_text', text: 'Solved' } }],
        },
      ],
    });
  });
  app.action('resolve', async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: {
        type: 'modal',
        callback_id: 'ces_comment',
        title: { type: 'plain_text', text: 'Feedback' },
        blocks: [{ type: 'section', text: { type: 'plain_text', text: 'Thanks!' } }],
      },
    });
  });
  app.command('/threadline', async ({ ack, command, respond }) => {
    await ack(`Got "${command.text}"`);
    await respond({ response_type: 'ephemeral', text: 'Queue: 0 open' });
  });
}

describe('Bolt over HTTP against FakeSlack', () => {
  let fake: FakeSlack;
  let app: App;
  let sender: SlackEventSender;
  let seen: Seen;

  beforeEach(async () => {
    fake = await FakeSlack.start();
    seen = { messages: [] };
    app = new App({
      token: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      logLevel: LogLevel.ERROR,
      // rapidRetryPolicy: no extra backoff on top of Retry-After, so the 429 test stays fast.
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: webApi.retryPolicies.rapidRetryPolicy },
    });
    addListeners(app, seen);
    // Port 0 on loopback: the OS picks a free port; start() resolves with the listening server.
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    const { port } = server.address() as AddressInfo;
    sender = fake.httpSender({ url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET });
  });

  afterEach(async () => {
    await app.stop();
    await fake.close();
  });

  it('answers url_verification with the challenge', async () => {
    const response = await sender.sendUrlVerification('abc123');
    expect(response).toMatchObject({ status: 200, body: { challenge: 'abc123' } });
  });

  it('replies in the thread of a signed message event, with a button', async () => {
    const event = fake.fixtures.messageEvent({ text: 'My sync is stuck', thread_ts: '1700000000.000001' });
    const response = await sender.sendEvent(event);
    expect(response.status).toBe(200);

    const reply = await fake.waitForCall('chat.postMessage');
    expect(reply.token).toBe(BOT_TOKEN);
    expect(reply.args).toMatchObject({ channel: event.channel, thread_ts: '1700000000.000001' });
    expect(reply.args.blocks).toEqual([
      expect.objectContaining({ type: 'section' }),
      expect.objectContaining({ type: 'actions', elements: [expect.objectContaining({ action_id: 'resolve' })] }),
    ]);
    expect(reply.response).toMatchObject({ ok: true, channel: event.channel, message: { thread_ts: '1700000000.000001' } });
  });

  it('acks a button press with 200 and opens a modal with its trigger_id', async () => {
    await sender.sendEvent(fake.fixtures.messageEvent({ text: 'My sync is stuck' }));
    await fake.waitForCall('chat.postMessage');
    const press = fake.fixtures.blockActionsPayload({ message: fake.messages.latest(), action_id: 'resolve' });
    expect(press.actions[0]).toMatchObject({ value: 'ticket-1' });

    const response = await sender.sendInteraction(press);
    expect(response.status).toBe(200);
    const open = await fake.waitForCall('views.open');
    expect(open.args).toMatchObject({ trigger_id: press.trigger_id, view: { callback_id: 'ces_comment' } });
    expect(open.response).toMatchObject({ ok: true, view: { id: expect.stringMatching(/^V/) } });
  });

  it('acks a slash command in the HTTP response and posts respond() to the response_url', async () => {
    const command = fake.fixtures.slashCommandBody({ text: 'queue' });
    const response = await sender.sendCommand(command);
    expect(response).toMatchObject({ status: 200, body: 'Got "queue"' });

    const responded = await fake.waitForCall('response_url');
    expect(responded.url).toBe(command.response_url);
    expect(responded.args).toEqual({ response_type: 'ephemeral', text: 'Queue: 0 open' });
  });

  it('answers 401 to a bad signature or a stale timestamp and never runs the listener', async () => {
    expect((await sender.sendEvent(fake.fixtures.messageEvent({ text: 'forged' }), { badSignature: true })).status).toBe(401);
    expect((await sender.sendEvent(fake.fixtures.messageEvent({ text: 'old' }), { stale: true })).status).toBe(401);
    await sender.sendEvent(fake.fixtures.messageEvent({ text: 'genuine' }));

    await fake.waitForCall('chat.postMessage');
    expect(seen.messages.map((message) => message.text)).toEqual(['genuine']);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('retries chat.postMessage after a 429, waiting Retry-After seconds', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await sender.sendEvent(fake.fixtures.messageEvent());

    const [limited, retried] = await fake.waitForCalls('chat.postMessage', 2, 4000);
    expect(limited?.status).toBe(429);
    expect(retried?.response).toMatchObject({ ok: true });
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('delivers a redelivered event (X-Slack-Retry-Num) to the listener again: de-dup is the app’s job', async () => {
    const envelope = fake.fixtures.eventCallback(fake.fixtures.messageEvent({ text: 'twice' }));
    expect((await sender.sendEvent(envelope)).status).toBe(200);
    expect((await sender.sendEvent(envelope, { retryNum: 1, retryReason: 'http_timeout' })).status).toBe(200);

    await fake.waitForCalls('chat.postMessage', 2);
    expect(seen.messages).toEqual([
      { eventId: envelope.event_id, retryNum: undefined, text: 'twice' },
      { eventId: envelope.event_id, retryNum: 1, text: 'twice' },
    ]);
  });
});

describe('Bolt in Socket Mode against FakeSlack', () => {
  let fake: FakeSlack;

  beforeEach(async () => {
    fake = await FakeSlack.start();
  });

  afterEach(async () => {
    await fake.close();
  });

  it('connects with the app token, acks envelopes, replies through the Web API and stops cleanly', async () => {
    const seen: Seen = { messages: [] };
    // App hands clientOptions to the SocketModeClient too, so apps.connections.open also goes to the fake.
    const app = new App({
      token: BOT_TOKEN,
      appToken: APP_TOKEN,
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl },
    });
    addListeners(app, seen);
    await app.start();
    expect(fake.lastCall('apps.connections.open')).toMatchObject({ token: APP_TOKEN, response: { ok: true } });
    expect(fake.socketMode.openConnections).toBe(1);

    const event = fake.fixtures.messageEvent({ text: 'Over the socket' });
    const ack = await fake.socketMode.sendEnvelope('events_api', fake.fixtures.eventCallback(event));
    expect(ack).toEqual({ envelope_id: expect.any(String), payload: {} });
    const reply = await fake.waitForCall('chat.postMessage');
    expect(reply.args).toMatchObject({ channel: event.channel, thread_ts: event.ts });

    const commandAck = await fake.socketMode.sendEnvelope('slash_commands', fake.fixtures.slashCommandBody({ text: 'queue' }));
    expect(commandAck.payload).toEqual({ text: 'Got "queue"' });

    await app.stop();
    await fake.socketMode.waitForNoConnections();
    expect(fake.socketMode.closes).toEqual([{ code: 1000, reason: '' }]);
  });
});
