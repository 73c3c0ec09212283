import type { Config } from '../../config.js';

/** Where Discord traffic goes, from the DISCORD_* settings. `*` in a team map stands for every other team. */
export class DiscordRouting {
  readonly supportChannels: ReadonlySet<string>;
  /** Every configured agent role: members of any of them may Claim, Resolve and hand over. */
  readonly agentRoles: ReadonlySet<string>;

  constructor(private readonly config: Pick<Config, 'DISCORD_SUPPORT_CHANNELS' | 'DISCORD_AGENT_CHANNELS' | 'DISCORD_AGENT_ROLES' | 'DEFAULT_TEAM'>) {
    this.supportChannels = new Set(config.DISCORD_SUPPORT_CHANNELS);
    this.agentRoles = new Set(Object.values(config.DISCORD_AGENT_ROLES));
  }

  isSupportChannel(channelId: string | null | undefined): boolean {
    return channelId !== null && channelId !== undefined && this.supportChannels.has(channelId);
  }

  /** The channel for this team's context packets and alerts; undefined means "in the customer's thread". */
  agentsChannelFor(team: string): string | undefined {
    return this.config.DISCORD_AGENT_CHANNELS[team] ?? this.config.DISCORD_AGENT_CHANNELS['*'];
  }

  /** The role pinged in the thread when this team gets a handoff. */
  roleFor(team: string): string | undefined {
    return this.config.DISCORD_AGENT_ROLES[team] ?? this.config.DISCORD_AGENT_ROLES['*'];
  }

  /** Where problems an admin must fix (missing permissions) are reported: the default team's agents channel. */
  adminChannel(): string | undefined {
    return this.agentsChannelFor(this.config.DEFAULT_TEAM) ?? Object.values(this.config.DISCORD_AGENT_CHANNELS)[0];
  }

  agentChannels(): string[] {
    return [...new Set(Object.values(this.config.DISCORD_AGENT_CHANNELS))];
  }

  isAgent(roleIds: Iterable<string>): boolean {
    for (const role of roleIds) if (this.agentRoles.has(role)) return true;
    return false;
  }
}
