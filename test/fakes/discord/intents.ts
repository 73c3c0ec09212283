/** Gateway intent bits (Discord's values) the fake filters events by. */
export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

export const PRIVILEGED_INTENTS = Intent.GuildMembers | Intent.GuildPresences | Intent.MessageContent;

const GUILDS_EVENTS = new Set([
  'GUILD_CREATE', 'GUILD_UPDATE', 'GUILD_DELETE', 'GUILD_ROLE_CREATE', 'GUILD_ROLE_UPDATE', 'GUILD_ROLE_DELETE',
  'CHANNEL_CREATE', 'CHANNEL_UPDATE', 'CHANNEL_DELETE', 'THREAD_CREATE', 'THREAD_UPDATE', 'THREAD_DELETE',
  'THREAD_LIST_SYNC', 'THREAD_MEMBER_UPDATE', 'THREAD_MEMBERS_UPDATE',
]);
const MEMBER_EVENTS = new Set(['GUILD_MEMBER_ADD', 'GUILD_MEMBER_UPDATE', 'GUILD_MEMBER_REMOVE']);
const MESSAGE_EVENTS = new Set(['MESSAGE_CREATE', 'MESSAGE_UPDATE', 'MESSAGE_DELETE']);
const CONTENT_FIELDS = ['content', 'embeds', 'attachments', 'components', 'poll'] as const;

type EventData = Record<string, unknown>;

/**
 * What a session with these intents receives for an event, as Discord decides it: undefined when the intent is
 * missing; message content fields emptied without MESSAGE_CONTENT, except in DMs, the bot's own messages and
 * messages that mention the bot.
 */
export function shapeForIntents(event: string, data: unknown, intents: number, botUserId: string): unknown {
  if (GUILDS_EVENTS.has(event)) return intents & Intent.Guilds ? data : undefined;
  if (MEMBER_EVENTS.has(event)) return intents & Intent.GuildMembers ? data : undefined;
  if (!MESSAGE_EVENTS.has(event)) return data;
  const message = data as EventData;
  const inGuild = typeof message.guild_id === 'string';
  if (!(intents & (inGuild ? Intent.GuildMessages : Intent.DirectMessages))) return undefined;
  if (event === 'MESSAGE_DELETE' || intents & Intent.MessageContent || !inGuild) return data;
  const author = message.author as { id?: string } | undefined;
  const mentions = (message.mentions as Array<{ id: string }> | undefined) ?? [];
  if (author?.id === botUserId || mentions.some((user) => user.id === botUserId)) return data;
  const blanked: EventData = { ...message };
  for (const field of CONTENT_FIELDS) {
    if (field in blanked) blanked[field] = field === 'content' ? '' : field === 'poll' ? undefined : [];
  }
  return blanked;
}
