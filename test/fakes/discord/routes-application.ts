import { validateCommands } from './commands.js';
import { DiscordErrors, FormErrors } from './errors.js';
import type { RouteContext, RouteTable } from './routes.js';

const ok = (body: unknown) => ({ status: 200, body });

function applicationObject(ctx: RouteContext) {
  const { world } = ctx;
  return {
    id: world.applicationId,
    name: world.bot.username,
    icon: null,
    description: 'threadline support bot (FakeDiscord)',
    summary: '',
    type: null,
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
    owner: { id: '0', username: 'fake-owner', discriminator: '0', global_name: null, avatar: null },
    bot: world.bot,
    approximate_guild_count: world.guilds.size,
    interactions_endpoint_url: null,
    redirect_uris: [],
    tags: [],
  };
}

function commandsOf(ctx: RouteContext, write: boolean) {
  const { world, params } = ctx;
  if (params.appId !== world.applicationId) return DiscordErrors.unknownApplication();
  if (params.guildId !== undefined && !world.guilds.has(params.guildId)) return DiscordErrors.unknownGuild();
  if (!write) return ok(world.commands.list(params.guildId));
  const invalid = validateCommands(ctx.body);
  if (invalid) return invalid;
  return ok(world.commands.overwrite(world.applicationId, ctx.body as [], params.guildId));
}

/** Who the bot is, where to connect, users, members, DMs and command registration. */
export const applicationRoutes: RouteTable<
  | 'GET /gateway/bot' | 'GET /users/@me' | 'GET /users/:id' | 'POST /users/@me/channels' | 'GET /applications/@me'
  | 'GET /applications/:appId/commands' | 'PUT /applications/:appId/commands'
  | 'GET /applications/:appId/guilds/:guildId/commands' | 'PUT /applications/:appId/guilds/:guildId/commands'
  | 'GET /guilds/:id/members/:userId'
> = {
  'GET /gateway/bot': (ctx) =>
    ok({
      url: ctx.gateway.url,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
    }),
  'GET /users/@me': (ctx) => ok(ctx.world.bot),
  'GET /users/:id': (ctx) => {
    const user = ctx.world.user(ctx.params.id ?? '');
    return user ? ok(user) : DiscordErrors.unknownUser();
  },
  'POST /users/@me/channels': (ctx) => {
    const recipient = (ctx.body as { recipient_id?: string } | undefined)?.recipient_id;
    if (!recipient || !ctx.world.user(recipient)) {
      const errors = new FormErrors();
      errors.add(['recipient_id'], 'NUMBER_TYPE_COERCE', `Value "${String(recipient)}" is not snowflake.`);
      return errors.answer() ?? DiscordErrors.unknownUser();
    }
    return ok(ctx.world.dmChannel(recipient));
  },
  'GET /applications/@me': (ctx) => ok(applicationObject(ctx)),
  'GET /applications/:appId/commands': (ctx) => commandsOf(ctx, false),
  'PUT /applications/:appId/commands': (ctx) => commandsOf(ctx, true),
  'GET /applications/:appId/guilds/:guildId/commands': (ctx) => commandsOf(ctx, false),
  'PUT /applications/:appId/guilds/:guildId/commands': (ctx) => commandsOf(ctx, true),
  'GET /guilds/:id/members/:userId': (ctx) => {
    if (!ctx.world.guilds.has(ctx.params.id ?? '')) return DiscordErrors.unknownGuild();
    const member = ctx.world.member(ctx.params.id ?? '', ctx.params.userId ?? '');
    return member ? ok(member) : DiscordErrors.unknownMember();
  },
};
