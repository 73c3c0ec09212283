// Socket Mode: apps.connections.open with the app token, hello, envelopes acked on the socket,
// replies through the Web API, and a clean close on stop().
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { startSlack } from '../../src/platforms/slack/index.js';
import { FakeSlack } from '../fakes/slack/index.js';
import { AGENT, SUPPORT_CHANNEL, fakeOptions, buttonsOf, customerMessage, postedMessage, press, replyIn, startHarness, textOf, waitForLog, type Harness } from './harness.js';

const APP_TOKEN = 'xapp-1-test-app-token';
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Slack in Socket Mode', () => {
  it('connects, acks events, button presses and the slash command on the socket, answers through the Web API, and closes cleanly', async () => {
    h = await startHarness({ SLACK_MODE: 'socket', SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '' });
    const { fake, slack } = h;
    expect(slack.mode).toBe('socket');
    expect(slack.port).toBeUndefined();
    expect(fake.lastCall('apps.connections.open')).toMatchObject({ token: APP_TOKEN, response: { ok: true } });
    expect(fake.socketMode.openConnections).toBe(1);

    const question = customerMessage(fake, { text: 'How do I reset my password?' });
    const eventAck = await fake.socketMode.sendEnvelope('events_api', fake.fixtures.eventCallback(question));
    expect(eventAck).toEqual({ envelope_id: expect.any(String), payload: {} });
    const answer = await replyIn(fake, String(question.ts));
    expect(answer.token).toBe('xoxb-test-bot-token');
    expect(textOf(answer.args)).toContain('Reset your password');

    const pressAck = await fake.socketMode.sendEnvelope('interactive', press(fake, postedMessage(fake, answer), 'solved'));
    expect(pressAck.payload).toEqual({});
    const survey = await replyIn(fake, String(question.ts), (c) => buttonsOf(c.args).length === 7);
    expect(survey.args.channel).toBe(SUPPORT_CHANNEL);

    const link = `https://threadline-test.slack.com/archives/${SUPPORT_CHANNEL}/p${String(question.ts).replace('.', '')}`;
    const command = fake.fixtures.slashCommandBody({ text: `status ${link}`, user_id: AGENT });
    expect((await fake.socketMode.sendEnvelope('slash_commands', command)).payload).toEqual({});
    expect((await fake.waitForCall('response_url', (c) => c.url === command.response_url)).args.text).toBe('Conversation resolved, round 1; team: accounts; agent: -.');

    const usage = await fake.socketMode.sendEnvelope('slash_commands', fake.fixtures.slashCommandBody({ text: '' }));
    expect(usage.payload).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('*Usage*') });

    await slack.stop();
    await fake.socketMode.waitForNoConnections();
    expect(fake.socketMode.closes).toEqual([{ code: 1000, reason: '' }]);
  });

  it('a redelivered envelope (retry_attempt 1) is acked again but answered once', async () => {
    h = await startHarness({ SLACK_MODE: 'socket', SLACK_APP_TOKEN: APP_TOKEN });
    const { fake, logs } = h;
    const envelope = fake.fixtures.eventCallback(customerMessage(fake, { text: 'How do I reset my password?' }));
    await fake.socketMode.sendEnvelope('events_api', envelope);
    await replyIn(fake, String(envelope.event.ts));
    expect((await fake.socketMode.sendEnvelope('events_api', envelope, { retryAttempt: 1, retryReason: 'timeout' })).payload).toEqual({});
    await waitForLog(logs, new RegExp(`ignored a repeated delivery .*${envelope.event.ts}`));
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === envelope.event.ts)).toHaveLength(1);
  });

  it('stop() during a reconnect waits for it to finish (stopping half-way crashes the SDK), then closes', async () => {
    h = await startHarness({ SLACK_MODE: 'socket', SLACK_APP_TOKEN: APP_TOKEN }, fakeOptions, { socketPingTimeoutMs: 150 });
    const { fake, slack, logs } = h;
    fake.socketMode.sendDisconnect('refresh_requested');
    await fake.waitForCalls('apps.connections.open', 2); // the reconnect is half done: a new URL asked for, no hello yet
    await slack.stop();
    await fake.socketMode.waitForNoConnections();
    expect(logs.some((l) => l.includes('waiting for the Socket Mode reconnect to finish'))).toBe(true);
    expect(fake.socketMode.closes.at(-1)).toEqual({ code: 1000, reason: '' });
  });

  it('refuses to start with a bad bot token, saying which setting to check', async () => {
    const fake = await FakeSlack.start({ botToken: 'xoxb-the-real-one' });
    try {
      const config = parseConfig({ STORE_URL: 'memory://', MATCHER: 'lexical', SLACK_BOT_TOKEN: 'xoxb-wrong', SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl });
      const app = await createApp(config, { watch: false, logger: silentLogger });
      await expect(startSlack(app)).rejects.toThrow(/Slack did not accept SLACK_BOT_TOKEN \(auth\.test: invalid_auth\)/);
      await app.close();
      expect(fake.callsTo('apps.connections.open')).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('refuses to start when Slack cannot be reached, blaming the connection and not the token', async () => {
    const fake = await FakeSlack.start({ botToken: 'xoxb-the-real-one' });
    const apiUrl = fake.apiUrl;
    await fake.close(); // nothing listens there any more
    const config = parseConfig({ STORE_URL: 'memory://', MATCHER: 'lexical', SLACK_BOT_TOKEN: 'xoxb-the-real-one', SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: apiUrl });
    const app = await createApp(config, { watch: false, logger: silentLogger });
    try {
      const failure = startSlack(app);
      await expect(failure).rejects.toThrow(/^Could not reach Slack at http:\/\/127\.0\.0\.1:\d+\/api\/ \(auth\.test: .*ECONNREFUSED\); check the network or proxy and SLACK_API_URL$/);
      await expect(failure).rejects.not.toThrow(/SLACK_BOT_TOKEN/);
    } finally {
      await app.close();
    }
  });
});
