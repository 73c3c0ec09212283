// FakeDiscord's REST API on its own (plain fetch, no discord.js): auth, routing, Discord's errors and failures.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDS, FakeDiscord } from './index.js';

const TOKEN = 'rest-test-token';

describe('FakeDiscord REST', () => {
  let fake: FakeDiscord;
  const call = async (method: string, path: string, body?: unknown, auth: string | null = `Bot ${TOKEN}`) => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (auth) headers.authorization = auth;
    const res = await fetch(`${fake.restApi}/v10${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
  };
  const post = (body: unknown) => call('POST', `/channels/${DEFAULT_IDS.supportChannel}/messages`, body);

  beforeEach(async () => {
    fake = await FakeDiscord.start({ token: TOKEN });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('wants "Bot <token>" except on interaction and webhook routes', async () => {
    expect(await call('GET', '/users/@me', undefined, null)).toMatchObject({ status: 401, body: { message: '401: Unauthorized', code: 0 } });
    expect((await call('GET', '/users/@me', undefined, 'Bot wrong')).status).toBe(401);
    expect((await call('GET', '/users/@me', undefined, `Bearer ${TOKEN}`)).status).toBe(401);
    expect(await call('GET', '/users/@me')).toMatchObject({ status: 200, body: { id: DEFAULT_IDS.bot, bot: true } });
    // No token needed, so the answer is about the interaction, not the auth.
    expect(await call('POST', '/interactions/1/nope/callback', { type: 6 }, null)).toMatchObject({ status: 404, body: { code: 10062 } });
  });

  it('answers unknown routes 404 and records them as UNKNOWN', async () => {
    expect(await call('GET', '/guilds/1/audit-logs')).toMatchObject({ status: 404, body: { message: '404: Not Found', code: 0 } });
    await fetch(`${fake.restApi}/v9/users/@me`, { headers: { authorization: `Bot ${TOKEN}` } });
    expect(fake.unknownCalls().map((c) => `${c.method} ${c.path}`)).toEqual(['GET /guilds/1/audit-logs', 'GET /api/v9/users/@me']);
  });

  it('prefers literal segments and answers Discord error codes for unknown things', async () => {
    expect((await call('GET', `/users/${DEFAULT_IDS.customer}`)).body).toMatchObject({ username: 'casey', discriminator: '0' });
    expect((await call('GET', '/users/999')).body).toEqual({ message: 'Unknown User', code: 10013 });
    expect((await call('GET', '/channels/999')).body).toEqual({ message: 'Unknown Channel', code: 10003 });
    expect((await call('GET', `/guilds/${DEFAULT_IDS.guild}/members/999`)).body).toEqual({ message: 'Unknown Member', code: 10007 });
    expect((await call('GET', `/guilds/${DEFAULT_IDS.guild}/members/${DEFAULT_IDS.agent}`)).body).toMatchObject({ roles: [DEFAULT_IDS.agentRole], user: { id: DEFAULT_IDS.agent } });
  });

  it('checks message bodies like Discord', async () => {
    expect((await post({ content: '' })).body).toEqual({ message: 'Cannot send an empty message', code: 50006 });
    const tooLong = await post({ content: 'x'.repeat(2001) });
    expect(tooLong.body).toMatchObject({ code: 50035, errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } });
    const button = (i: number) => ({ type: 2, style: 1, custom_id: `ces_${i}`, label: String(i) });
    const sixButtons = await post({ components: [{ type: 1, components: [1, 2, 3, 4, 5, 6].map(button) }] });
    expect(sixButtons.body).toMatchObject({ code: 50035, errors: { components: { 0: { components: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } } } });
    const twoRows = await post({ components: [{ type: 1, components: [1, 2, 3, 4].map(button) }, { type: 1, components: [5, 6, 7].map(button) }] });
    expect(twoRows.status).toBe(200);
    const duplicate = await post({ components: [{ type: 1, components: [button(1), button(1)] }] });
    expect(duplicate.body).toMatchObject({ errors: { components: { 0: { components: { 1: { custom_id: { _errors: [{ code: 'COMPONENT_CUSTOM_ID_DUPLICATED' }] } } } } } } });
    expect((await post({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })).status).toBe(400);
  });

  it('stores posts with increasing snowflakes and the bot as author', async () => {
    const first = (await post({ content: 'one' })).body;
    const second = (await post({ content: 'two', embeds: [{ title: 'T' }] })).body;
    expect(BigInt(second?.id) > BigInt(first?.id)).toBe(true);
    expect(second).toMatchObject({ channel_id: DEFAULT_IDS.supportChannel, author: { id: DEFAULT_IDS.bot }, embeds: [{ type: 'rich', title: 'T' }], edited_timestamp: null });
    expect(fake.messages.inChannel(DEFAULT_IDS.supportChannel).map((m) => m.content)).toEqual(['one', 'two']);
    const edited = await call('PATCH', `/channels/${DEFAULT_IDS.supportChannel}/messages/${first?.id}`, { content: 'uno' });
    expect(edited.body).toMatchObject({ content: 'uno', edited_timestamp: expect.any(String) });
  });

  it('threads: one per message, with the message id; not on a forum; a forum post needs a message', async () => {
    const { body: message } = await post({ content: 'question' });
    const path = `/channels/${DEFAULT_IDS.supportChannel}/messages/${message?.id}/threads`;
    expect((await call('POST', path, {})).body).toMatchObject({ code: 50035, errors: { name: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } });
    expect((await call('POST', path, { name: 'Help' })).body).toMatchObject({ id: message?.id, type: 11, thread_metadata: { archived: false } });
    expect((await call('POST', path, { name: 'Again' })).body).toEqual({ message: 'A thread has already been created for this message', code: 160004 });
    expect(fake.messages.get(message?.id)?.thread?.id).toBe(message?.id);

    expect((await call('POST', `/channels/${DEFAULT_IDS.forumChannel}/threads`, { name: 'No body' })).status).toBe(400);
    const forumPost = await call('POST', `/channels/${DEFAULT_IDS.forumChannel}/threads`, { name: 'Export?', message: { content: 'How?' } });
    expect(forumPost.body).toMatchObject({ type: 11, parent_id: DEFAULT_IDS.forumChannel, message: { content: 'How?' } });
    expect(forumPost.body?.message.id).toBe(forumPost.body?.id);
  });

  it('injects failures once, in order, with Discord rate-limit headers', async () => {
    fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.2 });
    fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 1.5, global: true });
    fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.2, scope: 'shared' });
    fake.failNext('POST /channels/:id/messages', { status: 403, code: 50013, message: 'Missing Permissions' });

    const user = await post({ content: 'x' });
    expect(user.body).toEqual({ message: 'You are being rate limited.', retry_after: 0.2, global: false });
    expect(Object.fromEntries(['retry-after', 'x-ratelimit-remaining', 'x-ratelimit-reset-after', 'x-ratelimit-scope'].map((h) => [h, user.headers.get(h)])))
      .toEqual({ 'retry-after': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '0.200', 'x-ratelimit-scope': 'user' });
    const global = await post({ content: 'x' });
    expect([global.headers.get('retry-after'), global.headers.get('x-ratelimit-global'), global.headers.get('x-ratelimit-bucket')]).toEqual(['2', 'true', null]);
    const shared = await post({ content: 'x' });
    expect([shared.headers.get('x-ratelimit-scope'), shared.body?.message]).toEqual(['shared', 'The resource is being rate limited.']);
    expect((await post({ content: 'x' })).body).toEqual({ message: 'Missing Permissions', code: 50013 });
    expect((await post({ content: 'x' })).status).toBe(200);
    expect(fake.callsTo('POST /channels/:id/messages').map((c) => c.status)).toEqual([429, 429, 429, 403, 200]);
  });

  it('validates and stores command registrations, keeping ids across overwrites', async () => {
    const path = `/applications/${DEFAULT_IDS.bot}/guilds/${DEFAULT_IDS.guild}/commands`;
    const bad = await call('PUT', path, [{ name: 'Status', description: '' }]);
    expect(bad.body).toMatchObject({ code: 50035, errors: { 0: { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } } });
    const first = await call('PUT', path, [{ name: 'status', description: 'Queue status' }]);
    const second = await call('PUT', path, [{ name: 'status', description: 'Queue' }, { name: 'ask', description: 'Ask' }]);
    expect(second.body?.[0].id).toBe(first.body?.[0].id);
    expect(fake.commands(DEFAULT_IDS.guild).map((c) => c.name)).toEqual(['status', 'ask']);
    expect((await call('PUT', `/applications/123/commands`, [])).body).toEqual({ message: 'Unknown Application', code: 10002 });
  });

  it('asks the bot for autocomplete choices only for options registered with autocomplete: true', async () => {
    const path = `/applications/${DEFAULT_IDS.bot}/guilds/${DEFAULT_IDS.guild}/commands`;
    await call('PUT', path, [{ name: 'handoff', description: 'Pass on', options: [{ type: 3, name: 'team', description: 'Team', required: true }] }]);
    const typing = { name: 'handoff', option: 'team', typed: 'bil', user: DEFAULT_IDS.agent, channelId: DEFAULT_IDS.supportChannel };
    await expect(fake.typeInOption(typing)).rejects.toThrow('not registered with autocomplete: true');
    await expect(fake.typeInOption({ ...typing, option: 'nope' })).rejects.toThrow('has no option "nope"');
  });
});
