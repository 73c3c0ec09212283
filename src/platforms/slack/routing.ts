import type { Config } from '../../config.js';

/** Where Slack traffic goes, from the SLACK_* settings. `*` in a team map stands for every other team. */
export class SlackRouting {
  readonly supportChannels: ReadonlySet<string>;
  readonly agentUsers: ReadonlySet<string>;
  /** SLACK_AGENT_GROUPS plus every team's group: whoever is paged for a team may act on it. */
  readonly agentGroups: readonly string[];

  constructor(private readonly config: Pick<Config, 'SLACK_SUPPORT_CHANNELS' | 'SLACK_AGENT_CHANNELS' | 'SLACK_TEAM_GROUPS' | 'SLACK_AGENT_USERS' | 'SLACK_AGENT_GROUPS' | 'DEFAULT_TEAM'>) {
    this.supportChannels = new Set(config.SLACK_SUPPORT_CHANNELS);
    this.agentUsers = new Set(config.SLACK_AGENT_USERS);
    this.agentGroups = [...new Set([...config.SLACK_AGENT_GROUPS, ...Object.values(config.SLACK_TEAM_GROUPS)])];
  }

  /** The channel for this team's context packets and alerts; undefined means "in the customer's thread". */
  agentsChannelFor(team: string): string | undefined {
    return this.config.SLACK_AGENT_CHANNELS[team] ?? this.config.SLACK_AGENT_CHANNELS['*'];
  }

  /** Where problems an admin must fix (a broken knowledge file) are reported: the default team's agents channel. */
  adminChannel(): string | undefined {
    return this.agentsChannelFor(this.config.DEFAULT_TEAM) ?? Object.values(this.config.SLACK_AGENT_CHANNELS)[0];
  }

  /** The user group (S…) to mention when this team gets a handoff. */
  groupFor(team: string): string | undefined {
    return this.config.SLACK_TEAM_GROUPS[team] ?? this.config.SLACK_TEAM_GROUPS['*'];
  }

  isSupportChannel(channel: string): boolean {
    return this.supportChannels.has(channel);
  }
}
