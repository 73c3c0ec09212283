import { permissionBits } from './permissions.js';

export interface UserFixture {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

export interface RoleFixture {
  id: string;
  name: string;
  /** Decimal string (as Discord sends it) or bigint. */
  permissions: string | bigint;
  color?: number;
  position?: number;
  hoist?: boolean;
  mentionable?: boolean;
}

export interface OverwriteFixture {
  id: string;
  /** 0 role, 1 member. */
  type: 0 | 1;
  allow: string | bigint;
  deny: string | bigint;
}

export interface ChannelFixture {
  id: string;
  name: string;
  /** 0 text, 5 announcement, 15 forum, 4 category, 2 voice. */
  type: 0 | 2 | 4 | 5 | 15;
  parentId?: string | null;
  topic?: string | null;
  position?: number;
  permissionOverwrites?: OverwriteFixture[];
}

export interface MemberFixture {
  user: UserFixture;
  roles: string[];
  nick?: string | null;
  joinedAt?: string;
}

export interface GuildFixture {
  id: string;
  name: string;
  ownerId: string;
  channels: ChannelFixture[];
  /** The @everyone role (id = guild id) is added when missing. */
  roles: RoleFixture[];
  members: MemberFixture[];
}

/** Fixed ids so tests can name things without looking them up. */
export const DEFAULT_IDS = {
  bot: '300000000000000001',
  guild: '200000000000000001',
  supportChannel: '200000000000000010',
  agentsChannel: '200000000000000011',
  forumChannel: '200000000000000012',
  agentRole: '200000000000000020',
  customer: '200000000000000030',
  agent: '200000000000000031',
  bystander: '200000000000000032',
  owner: '200000000000000033',
} as const;

export const DEFAULT_USERS = {
  customer: { id: DEFAULT_IDS.customer, username: 'casey', global_name: 'Casey Customer' },
  agent: { id: DEFAULT_IDS.agent, username: 'alex', global_name: 'Alex Agent' },
  bystander: { id: DEFAULT_IDS.bystander, username: 'blake', global_name: 'Blake Bystander' },
  owner: { id: DEFAULT_IDS.owner, username: 'olive', global_name: 'Olive Owner' },
} satisfies Record<string, UserFixture>;

/** What members may do everywhere unless a channel says otherwise. */
export const EVERYONE_PERMISSIONS = permissionBits(
  'ViewChannel', 'SendMessages', 'SendMessagesInThreads', 'CreatePublicThreads', 'EmbedLinks', 'AttachFiles',
  'ReadMessageHistory', 'AddReactions', 'UseExternalEmojis', 'UseApplicationCommands',
);

/**
 * A realistic support server: #support (text), #agents (text, hidden from everyone but the Agents role and the
 * bot), #help-forum (forum), an Agents role, and a customer, an agent, a bystander and the owner.
 * Override any field: `guildFixture({ name: 'Acme' })`; the @everyone role is added when `roles` lacks it.
 */
export function guildFixture(overrides: Partial<GuildFixture> = {}): GuildFixture {
  const id = overrides.id ?? DEFAULT_IDS.guild;
  const roles = overrides.roles ?? [
    { id: DEFAULT_IDS.agentRole, name: 'Agents', permissions: permissionBits('ManageThreads', 'ManageMessages', 'MentionEveryone'), color: 0x3498db, position: 1, hoist: true, mentionable: true },
  ];
  const everyone: RoleFixture = { id, name: '@everyone', permissions: EVERYONE_PERMISSIONS, position: 0 };
  return {
    id,
    name: overrides.name ?? 'Brightloom Support',
    ownerId: overrides.ownerId ?? DEFAULT_IDS.owner,
    channels: overrides.channels ?? defaultChannels(id),
    roles: roles.some((role) => role.id === id) ? roles : [everyone, ...roles],
    members: overrides.members ?? [
      { user: DEFAULT_USERS.customer, roles: [] },
      { user: DEFAULT_USERS.agent, roles: [DEFAULT_IDS.agentRole] },
      { user: DEFAULT_USERS.bystander, roles: [] },
      { user: DEFAULT_USERS.owner, roles: [] },
    ],
  };
}

function defaultChannels(guildId: string): ChannelFixture[] {
  const view = permissionBits('ViewChannel');
  return [
    { id: DEFAULT_IDS.supportChannel, name: 'support', type: 0, topic: 'Ask us anything', position: 0 },
    {
      id: DEFAULT_IDS.agentsChannel,
      name: 'agents',
      type: 0,
      topic: 'Hand-offs from the bot',
      position: 1,
      permissionOverwrites: [
        { id: guildId, type: 0, allow: 0n, deny: view },
        { id: DEFAULT_IDS.agentRole, type: 0, allow: view, deny: 0n },
        { id: DEFAULT_IDS.bot, type: 1, allow: view, deny: 0n },
      ],
    },
    { id: DEFAULT_IDS.forumChannel, name: 'help-forum', type: 15, topic: 'One post per question', position: 2 },
  ];
}
