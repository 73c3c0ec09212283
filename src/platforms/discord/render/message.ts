import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { LIMITS, truncate } from './text.js';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A rendered reply: what Discord shows, who it may ping, and the plain text to fall back to. */
export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: ActionRow[];
  /** Roles this message may ping (the team's agent role on a handoff); nobody else is ever pinged. */
  pingRoles: string[];
  /** Sent instead when Discord refuses the rich version (400 Invalid Form Body). */
  fallback: string;
}

/** The REST body for a new message or an edit (an edit with empty lists removes old embeds and buttons). */
export function restBody(message: DiscordMessage): RESTPostAPIChannelMessageJSONBody {
  return {
    content: truncate(message.content, LIMITS.content),
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: { parse: [], roles: message.pingRoles },
  };
}

/** The same message for discord.js interaction replies, which take camelCase options. */
export function interactionOptions(message: DiscordMessage) {
  return {
    content: truncate(message.content, LIMITS.content) || undefined,
    embeds: message.embeds,
    components: message.components,
    allowedMentions: { parse: [], roles: message.pingRoles },
  };
}

/** The plain-text version, for a second try after Discord refused the rich one. */
export function plain(message: DiscordMessage): DiscordMessage {
  return { ...message, content: truncate(message.fallback, LIMITS.content), embeds: [], components: [] };
}
