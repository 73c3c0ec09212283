import type { APIInteractionGuildMember, Client, GuildMember, User } from 'discord.js';
import type { Person } from '../../engine/types.js';
import type { DiscordRouting } from './routing.js';

/**
 * A Discord user id is the same in every server and in DMs, so one person has one identity (and one customer
 * profile) whichever server or DM they write in.
 */
export const PEOPLE_WORKSPACE = 'users';

/**
 * Who someone is on Discord: their global display name (else username), and whether they are an agent
 * (a member with one of DISCORD_AGENT_ROLES). Both come with every message and interaction: no lookups.
 */
export class DiscordPeople {
  constructor(
    private readonly client: Client,
    private readonly routing: DiscordRouting,
  ) {}

  person(user: User, member: GuildMember | APIInteractionGuildMember | null | undefined): Person {
    return {
      platform: 'discord',
      workspaceId: PEOPLE_WORKSPACE,
      id: user.id,
      displayName: user.globalName ?? user.username,
      isAgent: this.routing.isAgent(member ? rolesOf(member) : this.rolesInCachedServers(user.id)),
    };
  }

  /** In a DM there is no member: the roles the person has in servers the bot has cached. */
  private rolesInCachedServers(userId: string): string[] {
    const roles: string[] = [];
    for (const guild of this.client.guilds.cache.values()) roles.push(...(guild.members.cache.get(userId)?.roles.cache.keys() ?? []));
    return roles;
  }
}

/** A cached member has a role manager; a member of an uncached server arrives as raw data with role ids. */
function rolesOf(member: GuildMember | APIInteractionGuildMember): string[] {
  return Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
}
