// `threadline discord register`: one bulk overwrite (PUT) of the slash commands, in DISCORD_GUILD_ID or globally,
// with the application id from GET /applications/@me, and the invite link printed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/commands/discord.js';
import { inviteUrl } from '../../src/platforms/discord/register.js';
import { DEFAULT_IDS, FakeDiscord } from '../fakes/discord/index.js';

const TOKEN = 'fake-register-token';
const NAMES = ['ask', 'status', 'claim', 'resolve', 'handoff', 'link'];

let fake: FakeDiscord;
let out: string[];
beforeEach(async () => {
  fake = await FakeDiscord.start({ token: TOKEN });
  out = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void out.push(String(line)));
  vi.stubEnv('DISCORD_TOKEN', TOKEN);
  vi.stubEnv('DISCORD_API_URL', fake.restApi);
  vi.stubEnv('DISCORD_GUILD_ID', '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await fake.close();
  expect(fake.unknownCalls()).toEqual([]);
});

describe('threadline discord register', () => {
  it('with DISCORD_GUILD_ID: a bulk overwrite in that server, validated by Discord, then the invite link', async () => {
    vi.stubEnv('DISCORD_GUILD_ID', DEFAULT_IDS.guild);
    expect(await run(['register'])).toBe(0);
    expect(fake.calls.map((c) => c.route)).toEqual(['GET /applications/@me', 'PUT /applications/:appId/guilds/:guildId/commands']);
    const [put] = fake.callsTo('PUT /applications/:appId/guilds/:guildId/commands');
    expect(put?.params).toEqual({ appId: fake.applicationId, guildId: DEFAULT_IDS.guild });
    expect(put?.status).toBe(200);
    expect(put?.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(fake.commands(DEFAULT_IDS.guild).map((c) => c.name)).toEqual(NAMES);
    const ask = fake.commands(DEFAULT_IDS.guild).find((c) => c.name === 'ask');
    expect(ask?.options).toEqual([expect.objectContaining({ name: 'question', type: 3, required: true })]);
    expect(out[0]).toBe(`Registered /ask, /status, /claim, /resolve, /handoff, /link for threadline (${fake.applicationId}) in server ${DEFAULT_IDS.guild} (available now).`);
    expect(out[1]).toContain(inviteUrl(fake.applicationId));
  });

  it('--global overwrites the global list; running again replaces it (same ids), it does not add to it', async () => {
    expect(await run(['register', '--global'])).toBe(0);
    const first = fake.commands().map((c) => [c.name, c.id]);
    expect(first.map(([name]) => name)).toEqual(NAMES);
    expect(await run(['register'])).toBe(0); // no DISCORD_GUILD_ID: global too
    expect(fake.callsTo('PUT /applications/:appId/commands')).toHaveLength(2);
    expect(fake.commands().map((c) => [c.name, c.id])).toEqual(first);
    expect(fake.commands(DEFAULT_IDS.guild)).toEqual([]);
  });

  it('--guild <id> wins over the setting; without a token or with bad arguments it explains and fails', async () => {
    expect(await run(['register', '--guild', DEFAULT_IDS.guild])).toBe(0);
    expect(fake.commands(DEFAULT_IDS.guild)).toHaveLength(NAMES.length);
    expect(await run(['register', '--guild', 'general'])).toBe(2);
    expect(out.at(-1)).toMatch(/^threadline discord register: --guild "general" is not a Discord server id \(17–20 digits;/);
    expect(await run(['unregister'])).toBe(2);
    vi.stubEnv('DISCORD_TOKEN', '');
    expect(await run(['register'])).toBe(1);
    expect(out.at(-1)).toMatch(/DISCORD_TOKEN is not set/);
  });

  it('--guild=<id> works like --guild <id>; a short number is named as not a server id', async () => {
    expect(await run(['register', `--guild=${DEFAULT_IDS.guild}`])).toBe(0);
    expect(fake.commands(DEFAULT_IDS.guild)).toHaveLength(NAMES.length);
    expect(await run(['register', '--guild', '123'])).toBe(2);
    expect(out.at(-1)).toMatch(/--guild "123" is not a Discord server id \(17–20 digits;/);
    expect(await run(['register', '--guild=123'])).toBe(2);
    expect(out.at(-1)).toMatch(/--guild "123" is not a Discord server id/);
  });

  it('a refused token is an error with Discord\'s answer and what to check, not a silent success', async () => {
    vi.stubEnv('DISCORD_TOKEN', 'wrong-token');
    expect(await run(['register'])).toBe(1);
    expect(out.at(-1)).toMatch(new RegExp(`^threadline discord register: could not register the commands with Discord at ${fake.restApi}: .*401.*Check DISCORD_TOKEN, DISCORD_API_URL and the network\\.$`));
    expect(fake.callsTo('PUT /applications/:appId/commands')).toEqual([]);
  });

  it('the invite link asks for the bot and applications.commands scopes and exactly the permissions the bot uses', () => {
    const url = new URL(inviteUrl('123456789012345678'));
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    // View Channel, Send Messages, Embed Links, Read Message History, Mention All Roles, Create Public Threads, Send Messages in Threads.
    expect(url.searchParams.get('permissions')).toBe(String(1024 + 2048 + 16384 + 65536 + 131072 + 2 ** 35 + 2 ** 38));
  });
});
