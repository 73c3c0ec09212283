// The fake's Web API as the real WebClient sees it: shapes, Slack-like errors, failure injection.
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './index.js';

const BOT_TOKEN = 'xoxb-bot';
const quiet = { logLevel: webApi.LogLevel.ERROR };

describe('FakeSlack Web API', () => {
  let fake: FakeSlack;
  let client: webApi.WebClient;

  beforeEach(async () => {
    fake = await FakeSlack.start({
      users: [{ id: 'U0CUSTOMER', name: 'casey' }, { id: 'U0AGENT01', name: 'alex' }],
      usergroups: { S0AGENTS: ['U0AGENT01'] },
      channels: [{ id: 'C0SUPPORT1', name: 'support' }],
      botToken: BOT_TOKEN,
    });
    client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, ...quiet });
  });

  afterEach(async () => {
    await fake.close();
  });

  it('records decoded calls and answers chat.postMessage with increasing ts', async () => {
    const noSlash = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl.replace(/\/$/, ''), ...quiet });
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }];
    const first = await client.chat.postMessage({ channel: 'C0SUPPORT1', text: 'hi', blocks });
    const second = await noSlash.chat.postMessage({ channel: '#support', text: 'again' });

    expect(first).toMatchObject({ ok: true, channel: 'C0SUPPORT1', message: { user: fake.config.botUserId, text: 'hi' } });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(fake.lastCall('chat.postMessage')?.args.channel).toBe('#support');
    expect(fake.callsTo('chat.postMessage')[0]).toMatchObject({ token: BOT_TOKEN, args: { blocks }, status: 200 });
  });

  it('refuses missing, wrong and wrong-kind tokens like Slack', async () => {
    const call = (token: string) =>
      fetch(`${fake.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        body: new URLSearchParams({ channel: 'C0SUPPORT1', text: 'x' }),
      }).then((response) => response.json());
    expect(await call('')).toEqual({ ok: false, error: 'not_authed' });
    expect(await call('xoxb-someone-else')).toEqual({ ok: false, error: 'invalid_auth' });
    expect(await call('xapp-app')).toEqual({ ok: false, error: 'not_allowed_token_type' });
    await expect(client.apps.connections.open()).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
  });

  it('answers channel_not_found, user_not_found and unknown_method', async () => {
    await expect(client.chat.postMessage({ channel: 'C0NOWHERE', text: 'x' })).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { error: 'channel_not_found' },
    });
    await expect(client.users.info({ user: 'U0NOBODY' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
    await expect(client.apiCall('chat.teleport')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
  });

  it('fails the next call once with an injected error, then recovers', async () => {
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expect(client.chat.postMessage({ channel: 'C0SUPPORT1', text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await expect(client.chat.postMessage({ channel: 'C0SUPPORT1', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('answers 429 with Retry-After: rejectRateLimitedCalls surfaces it at once', async () => {
    const impatient = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, rejectRateLimitedCalls: true, ...quiet });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    await expect(impatient.chat.postMessage({ channel: 'C0SUPPORT1', text: 'x' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 30,
    });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('gets a 5xx retried by the WebClient retry policy, unlike ok:false', async () => {
    const rapid = new webApi.WebClient(BOT_TOKEN, {
      slackApiUrl: fake.apiUrl,
      retryConfig: webApi.retryPolicies.rapidRetryPolicy,
      ...quiet,
    });
    fake.failNext('chat.postMessage', { status: 503 });
    await expect(rapid.chat.postMessage({ channel: 'C0SUPPORT1', text: 'x' })).resolves.toMatchObject({ ok: true });
    expect(fake.callsTo('chat.postMessage').map((call) => call.status)).toEqual([503, 200]);
  });

  it('keeps threads: replies, permalinks, updates and reactions', async () => {
    const question = fake.addMessage({ channel: 'C0SUPPORT1', user: 'U0CUSTOMER', text: 'Sync is stuck' });
    const answer = await client.chat.postMessage({ channel: 'C0SUPPORT1', thread_ts: question.ts, text: 'Try this' });

    const thread = await client.conversations.replies({ channel: 'C0SUPPORT1', ts: question.ts });
    expect(thread.messages).toMatchObject([
      { ts: question.ts, reply_count: 1, thread_ts: question.ts },
      { ts: answer.ts, thread_ts: question.ts, parent_user_id: 'U0CUSTOMER' },
    ]);
    const link = await client.chat.getPermalink({ channel: 'C0SUPPORT1', message_ts: answer.ts ?? '' });
    expect(link.permalink).toBe(
      `https://threadline-test.slack.com/archives/C0SUPPORT1/p${answer.ts?.replace('.', '')}?thread_ts=${question.ts}&cid=C0SUPPORT1`,
    );

    await client.chat.update({ channel: 'C0SUPPORT1', ts: answer.ts ?? '', text: 'Solved' });
    expect(fake.messages.find('C0SUPPORT1', answer.ts ?? '')).toMatchObject({ text: 'Solved', edited: expect.any(Object) });
    await expect(client.chat.update({ channel: 'C0SUPPORT1', ts: question.ts, text: 'x' })).rejects.toMatchObject({
      data: { error: 'cant_update_message' },
    });

    await client.reactions.add({ channel: 'C0SUPPORT1', timestamp: question.ts, name: 'white_check_mark' });
    await expect(
      client.reactions.add({ channel: 'C0SUPPORT1', timestamp: question.ts, name: 'white_check_mark' }),
    ).rejects.toMatchObject({ data: { error: 'already_reacted' } });
    await expect(client.conversations.replies({ channel: 'C0SUPPORT1', ts: '1.000001' })).rejects.toMatchObject({
      data: { error: 'thread_not_found' },
    });
  });

  it('describes users, usergroups and channels; DMs go to a D… conversation', async () => {
    const agent = await client.users.info({ user: 'U0AGENT01' });
    expect(agent.user).toMatchObject({ id: 'U0AGENT01', name: 'alex', is_bot: false, profile: { display_name: 'alex' } });
    expect(await client.usergroups.users.list({ usergroup: 'S0AGENTS' })).toMatchObject({ users: ['U0AGENT01'] });
    await expect(client.usergroups.users.list({ usergroup: 'S0NONE' })).rejects.toMatchObject({
      data: { error: 'no_such_subteam' },
    });
    expect(await client.conversations.info({ channel: 'C0SUPPORT1' })).toMatchObject({
      channel: { id: 'C0SUPPORT1', name: 'support', is_channel: true, is_member: true },
    });
    const dm = await client.chat.postMessage({ channel: 'U0AGENT01', text: 'New handoff' });
    expect(dm.channel).toMatch(/^D/);
    const ephemeral = await client.chat.postEphemeral({ channel: 'C0SUPPORT1', user: 'U0AGENT01', text: 'Only you' });
    expect(ephemeral.message_ts).toMatch(/^\d{10}\.\d{6}$/);
  });

  it('opens a modal once per trigger_id, checks it like Slack and updates it by hash', async () => {
    const view = {
      type: 'modal' as const,
      callback_id: 'ces_comment',
      private_metadata: '{"conversation":"c1"}',
      title: { type: 'plain_text' as const, text: 'Tell us more' },
      submit: { type: 'plain_text' as const, text: 'Send' },
      blocks: [{ type: 'input', label: { type: 'plain_text', text: 'Comment' }, element: { type: 'plain_text_input', action_id: 'comment' } }],
    };
    const opened = await client.views.open({ trigger_id: 'T1', view });
    expect(opened.view).toMatchObject({ id: expect.stringMatching(/^V/), callback_id: 'ces_comment', state: { values: {} } });
    await expect(client.views.open({ trigger_id: 'T1', view })).rejects.toMatchObject({ data: { error: 'exchanged_trigger_id' } });

    const longTitle = { ...view, title: { type: 'plain_text' as const, text: 'How easy was it to get help?' } };
    await expect(client.views.open({ trigger_id: 'T2', view: longTitle })).rejects.toMatchObject({
      data: { error: 'invalid_arguments', response_metadata: { messages: [expect.stringContaining('/view/title/text')] } },
    });
    const { submit: _submit, ...noSubmit } = view;
    await expect(client.views.open({ trigger_id: 'T3', view: noSubmit })).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });

    const viewId = opened.view?.id ?? '';
    await expect(client.views.update({ view_id: viewId, hash: 'stale', view })).rejects.toMatchObject({
      data: { error: 'hash_conflict' },
    });
    const updated = await client.views.update({ view_id: viewId, hash: opened.view?.hash ?? '', view });
    expect(updated.view).toMatchObject({ id: viewId, root_view_id: viewId });
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
  });

  it('waits for calls that arrive later and explains a timeout', async () => {
    const waiting = fake.waitForCall('chat.postMessage', (call) => call.args.text === 'second');
    await client.chat.postMessage({ channel: 'C0SUPPORT1', text: 'first' });
    await client.chat.postMessage({ channel: 'C0SUPPORT1', text: 'second' });
    await expect(waiting).resolves.toMatchObject({ args: { text: 'second' } });
    await expect(fake.waitForCall('views.open', undefined, 50)).rejects.toThrow(
      'calls so far: chat.postMessage, chat.postMessage',
    );
  });

  it('records response_url posts and answers 404 for urls it never issued', async () => {
    const url = fake.newResponseUrl();
    const posted = await fetch(url, { method: 'POST', body: JSON.stringify({ text: 'done', replace_original: true }) });
    expect(posted.status).toBe(200);
    const unknown = await fetch(`${fake.baseUrl}/__response/made-up`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(fake.callsTo('response_url').map((call) => [call.url, call.args, call.status])).toEqual([
      [url, { text: 'done', replace_original: true }, 200],
      [`${fake.baseUrl}/__response/made-up`, {}, 404],
    ]);
  });
});
