import { ChannelType, PermissionFlagsBits, PermissionsBitField, type Client, type GuildBasedChannel } from 'discord.js';
import type { Logger } from '../../logger.js';
import type { DiscordRouting } from './routing.js';

type PermissionName = keyof typeof PermissionFlagsBits;

/** What the bot needs where: support channels (threads on questions), forums (posts are threads), agents channels. */
const NEEDS: Record<'support' | 'forum' | 'agents', PermissionName[]> = {
  support: ['ViewChannel', 'SendMessages', 'CreatePublicThreads', 'SendMessagesInThreads', 'EmbedLinks', 'ReadMessageHistory'],
  forum: ['ViewChannel', 'SendMessagesInThreads', 'EmbedLinks', 'ReadMessageHistory'],
  // threads: the relay thread on the packet of a direct-message handoff
  agents: ['ViewChannel', 'SendMessages', 'CreatePublicThreads', 'SendMessagesInThreads', 'EmbedLinks', 'ReadMessageHistory'],
};

/** Everything the invite link asks for: the above, plus pinging agent roles that are not mentionable. */
export const INVITE_PERMISSIONS = new PermissionsBitField([...new Set([...NEEDS.support, ...NEEDS.forum, ...NEEDS.agents, 'MentionEveryone' as const])]);

/**
 * Checks the settings against what the bot can see right after connecting (from the caches, no requests):
 * channels that do not exist or lack permissions, roles that do not exist or cannot be pinged. Each problem is
 * one warning that says how to fix it; the bot runs anyway. Returns the warnings (for tests).
 */
export function checkSetup(client: Client, routing: DiscordRouting, logger: Logger): string[] {
  const problems: string[] = [];
  for (const id of routing.supportChannels) problems.push(...channelProblems(client, id, 'DISCORD_SUPPORT_CHANNELS'));
  for (const id of routing.agentChannels()) problems.push(...channelProblems(client, id, 'DISCORD_AGENT_CHANNELS'));
  for (const id of routing.agentRoles) problems.push(...roleProblems(client, id));
  if (routing.agentRoles.size === 0) problems.push('DISCORD_AGENT_ROLES is empty: nobody can Claim, Resolve or hand over conversations.');
  if (routing.agentChannels().length === 0) problems.push("DISCORD_AGENT_CHANNELS is empty: context packets and alerts go into the customer's thread.");
  for (const problem of problems) logger.warn(`discord: ${problem}`);
  return problems;
}

function channelProblems(client: Client, id: string, setting: string): string[] {
  const channel = client.channels.cache.get(id);
  if (!channel || channel.isDMBased()) return [`${setting}: no channel ${id} in the servers the bot is in (wrong id, or the bot was not invited to that server).`];
  const kind = setting === 'DISCORD_AGENT_CHANNELS' ? 'agents' : channel.type === ChannelType.GuildForum ? 'forum' : 'support';
  if (kind === 'support' && channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
    return [`${setting}: #${channel.name} (${id}) is not a text, announcement or forum channel.`];
  }
  const missing = missingPermissions(channel, NEEDS[kind]);
  return missing.length ? [`${setting}: the bot lacks ${missing.map(permissionLabel).join(', ')} in #${channel.name} (${id}); grant them in the channel's permissions.`] : [];
}

function missingPermissions(channel: GuildBasedChannel, needed: PermissionName[]): string[] {
  const me = channel.guild.members.me;
  const granted = me ? channel.permissionsFor(me) : null;
  return needed.filter((name) => !granted?.has(PermissionFlagsBits[name]));
}

function roleProblems(client: Client, id: string): string[] {
  const guild = client.guilds.cache.find((g) => g.roles.cache.has(id));
  const role = guild?.roles.cache.get(id);
  if (!guild || !role) return [`DISCORD_AGENT_ROLES: no role ${id} in the servers the bot is in.`];
  const canPing = role.mentionable || guild.members.me?.permissions.has(PermissionFlagsBits.MentionEveryone);
  return canPing ? [] : [`DISCORD_AGENT_ROLES: @${role.name} is not mentionable and the bot lacks "Mention @everyone, @here, and All Roles": handoff notices will not ping it.`];
}

/** A permission as Discord's settings screens name it: ViewChannel → "View Channel", SendMessagesInThreads → "Send Messages in Threads". */
export function permissionLabel(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/ In /g, ' in ');
}
