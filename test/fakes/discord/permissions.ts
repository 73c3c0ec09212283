/** Permission bits threadline cares about (Discord's values), as bigints. */
export const Permission = {
  CreateInstantInvite: 1n << 0n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ManageRoles: 1n << 28n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** Every permission bit Discord defines today (bits 0–52), what an owner or administrator gets. */
export const ALL_PERMISSIONS = (1n << 53n) - 1n;

export function permissionBits(...names: Array<keyof typeof Permission>): bigint {
  return names.reduce((bits, name) => bits | Permission[name], 0n);
}

export interface Overwrite {
  id: string;
  /** 0 role, 1 member. */
  type: 0 | 1;
  allow: string;
  deny: string;
}

export interface PermissionInput {
  guildId: string;
  ownerId: string;
  userId: string;
  memberRoleIds: readonly string[];
  /** Role id → permissions (decimal string), @everyone included under the guild id. */
  rolePermissions: ReadonlyMap<string, string>;
  overwrites: readonly Overwrite[];
}

/**
 * Discord's documented algorithm: base permissions from @everyone and the member's roles, then channel
 * overwrites in the order @everyone → roles → member. Used to fill `member.permissions` and `app_permissions`.
 */
export function computePermissions(input: PermissionInput): bigint {
  if (input.userId === input.ownerId) return ALL_PERMISSIONS;
  let base = BigInt(input.rolePermissions.get(input.guildId) ?? '0');
  for (const roleId of input.memberRoleIds) base |= BigInt(input.rolePermissions.get(roleId) ?? '0');
  if (base & Permission.Administrator) return ALL_PERMISSIONS;

  const apply = (bits: bigint, overwrite: Overwrite | undefined): bigint =>
    overwrite ? (bits & ~BigInt(overwrite.deny)) | BigInt(overwrite.allow) : bits;
  let bits = apply(base, input.overwrites.find((o) => o.type === 0 && o.id === input.guildId));
  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const overwrite of input.overwrites) {
    if (overwrite.type !== 0 || !input.memberRoleIds.includes(overwrite.id)) continue;
    roleAllow |= BigInt(overwrite.allow);
    roleDeny |= BigInt(overwrite.deny);
  }
  bits = (bits & ~roleDeny) | roleAllow;
  return apply(bits, input.overwrites.find((o) => o.type === 1 && o.id === input.userId));
}
