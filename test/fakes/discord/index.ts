export { FakeDiscord, DEFAULT_BOT_PERMISSIONS, type FakeDiscordOptions, type InteractionHandle, type MessageRef, type UserRef } from './fake-discord.js';
export {
  guildFixture, DEFAULT_IDS, DEFAULT_USERS, EVERYONE_PERMISSIONS,
  type GuildFixture, type ChannelFixture, type RoleFixture, type MemberFixture, type UserFixture, type OverwriteFixture,
} from './fixtures.js';
export { Permission, permissionBits, ALL_PERMISSIONS } from './permissions.js';
export { Intent } from './intents.js';
export { ROUTES, type DiscordRoute } from './routes.js';
export type { FakeGateway, IdentifyRecord, ResumeRecord, SentDispatch, ConnectionRecord } from './gateway.js';
export type { MessageStore } from './message-store.js';
export type { InjectedFailure, RecordedCall, UploadedFile } from './types.js';
