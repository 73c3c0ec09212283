import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Person } from '../../engine/types.js';
import type { Logger } from '../../logger.js';
import type { SlackRouting } from './routing.js';
import { TtlCache } from './ttl-cache.js';

const PROFILE_TTL_MS = 10 * 60_000;
const GROUP_TTL_MS = 5 * 60_000;

const usersInfo = z.object({
  user: z.object({
    id: z.string(),
    name: z.string().optional(),
    real_name: z.string().optional(),
    profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional(), email: z.string().optional() }).optional(),
  }),
});
const groupMembers = z.object({ users: z.array(z.string()) });

interface Profile {
  displayName?: string;
  email?: string;
}

/**
 * Who someone is on Slack: display name and email (users.info) and whether they are an agent
 * (SLACK_AGENT_USERS, or a member of an agent or team user group). Both are cached for a few minutes.
 * A failed lookup never blocks the conversation: the person goes on with their user id as name, and
 * counts as an agent only when listed by id.
 */
export class SlackPeople {
  private readonly profiles = new TtlCache<Profile>(PROFILE_TTL_MS);
  private readonly groups = new TtlCache<ReadonlySet<string>>(GROUP_TTL_MS);

  constructor(
    private readonly client: WebClient,
    private readonly routing: SlackRouting,
    private readonly logger: Logger,
  ) {}

  async person(workspaceId: string, userId: string): Promise<Person> {
    const [profile, isAgent] = await Promise.all([this.profile(userId), this.isAgent(userId)]);
    return { platform: 'slack', workspaceId, id: userId, displayName: profile.displayName, email: profile.email, isAgent };
  }

  async isAgent(userId: string): Promise<boolean> {
    if (this.routing.agentUsers.has(userId)) return true;
    const memberships = await Promise.all(this.routing.agentGroups.map((group) => this.members(group)));
    return memberships.some((members) => members.has(userId));
  }

  private async profile(userId: string): Promise<Profile> {
    try {
      return await this.profiles.get(userId, async () => {
        const { user } = usersInfo.parse(await this.client.users.info({ user: userId }));
        const p = user.profile;
        return { displayName: p?.display_name || p?.real_name || user.real_name || user.name || undefined, email: p?.email || undefined };
      });
    } catch (error) {
      this.logger.warn('slack: users.info failed; going on without a display name', { user: userId, error: errorText(error) });
      return {};
    }
  }

  private async members(group: string): Promise<ReadonlySet<string>> {
    try {
      return await this.groups.get(group, async () => {
        const { users } = groupMembers.parse(await this.client.usergroups.users.list({ usergroup: group }));
        return new Set(users);
      });
    } catch (error) {
      this.logger.warn('slack: usergroups.users.list failed; its members count as non-agents for now', { usergroup: group, error: errorText(error) });
      return new Set();
    }
  }
}

/** A Web API error's Slack code (e.g. "invalid_blocks") when it has one, else its message. */
export function errorText(error: unknown): string {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  if (typeof data?.error === 'string') return data.error;
  return error instanceof Error ? error.message : String(error);
}
