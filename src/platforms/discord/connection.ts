import { Client, Events, GatewayIntentBits, Partials, RESTEvents } from 'discord.js';
import type { Logger } from '../../logger.js';

/**
 * Guilds (servers, channels, threads, roles), guild and DM messages, and Message Content: without it a guild
 * message's text is empty unless it mentions the bot. Message Content is privileged: enable it in the
 * Developer Portal (Bot → Privileged Gateway Intents) or Discord refuses the connection (close code 4014).
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages];

const READY_TIMEOUT_MS = 60_000;

/** A discord.js client for DISCORD_API_URL (REST, and through GET /gateway/bot the gateway too). */
export function createClient(apiUrl: string): Client {
  return new Client({
    intents: INTENTS,
    // DM channels are not in the cache until used: without this, discord.js drops messages in them.
    partials: [Partials.Channel],
    rest: { api: apiUrl },
    // Nobody is pinged unless a message says so (the team's role on a handoff).
    allowedMentions: { parse: [] },
  });
}

/** Logs in and waits until every server has arrived (the caches are then complete); a refusal says what to check. */
export async function connect(client: Client, token: string, logger: Logger, readyTimeoutMs = READY_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, () => resolve());
    timer = setTimeout(() => reject(new Error(`Discord did not finish connecting within ${readyTimeoutMs / 1000} s`)), readyTimeoutMs);
  });
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw new Error(explainLoginFailure(error));
  } finally {
    clearTimeout(timer);
  }
  logger.info('discord: connected', { user: client.user?.tag, application: client.application?.id, servers: client.guilds.cache.size });
}

function explainLoginFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/disallowed intents/i.test(message)) {
    return `Discord refused the connection: ${message}. Enable the Message Content intent in the Developer Portal (your application → Bot → Privileged Gateway Intents).`;
  }
  if (/token/i.test(message) || /401/.test(message)) {
    return `Discord did not accept DISCORD_TOKEN (${message}); copy the bot token again from the Developer Portal (Bot → Reset Token) and check DISCORD_API_URL.`;
  }
  return `Could not connect to Discord: ${message}. Check DISCORD_TOKEN and DISCORD_API_URL.`;
}

/** Connection trouble and rate limits in the log; discord.js reconnects, resumes and queues by itself. */
export function logConnectionEvents(client: Client, logger: Logger): void {
  client.on(Events.Error, (error) => logger.error('discord: client error', { error: error.message }));
  client.on(Events.Warn, (message) => logger.warn(`discord: ${message}`));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn('discord: gateway disconnected', { shard, code: event.code }));
  client.on(Events.ShardReconnecting, (shard) => logger.info('discord: reconnecting to the gateway', { shard }));
  client.on(Events.ShardResume, (shard, replayed) => logger.info('discord: gateway session resumed', { shard, replayed }));
  client.on(Events.ShardError, (error, shard) => logger.error('discord: gateway error', { shard, error: error.message }));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn('discord: rate limited; the request waits its turn', { route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global, scope: info.scope }),
  );
}
