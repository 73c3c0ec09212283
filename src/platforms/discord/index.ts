import { setTimeout as sleep } from 'node:timers/promises';
import { Events, type Client } from 'discord.js';
import type { App } from '../../app.js';
import { conversationIdFor } from '../../engine/conversation.js';
import type { RunningPlatform } from '../platform.js';
import { AdminNotices } from './admin-notices.js';
import { connect, createClient, logConnectionEvents } from './connection.js';
import { describeError } from './errors.js';
import { DiscordInbound } from './inbound.js';
import { DiscordInteractions } from './interactions.js';
import { DiscordOutbox } from './outbox.js';
import { nameOwnThread } from './question-thread.js';
import { DiscordPeople } from './people.js';
import { DiscordRouting } from './routing.js';
import { checkSetup } from './setup-check.js';

export interface DiscordPlatform extends RunningPlatform {
  client: Client;
  /** Start-up warnings about channels, permissions and roles (also logged). */
  setupProblems: string[];
}

export interface DiscordOptions {
  /** Acknowledge an interaction the engine has not answered by then; Discord allows 3 s (default 2000). */
  ackAfterMs?: number;
}

const ACK_AFTER_MS = 2000;
/** At shutdown, how long messages that arrive while the last replies go out are still taken. */
const DRAIN_MS = 10_000;
const DISCORD_API = 'https://discord.com/api';

/**
 * Connects threadline to Discord with discord.js: messages become engine messages (in threads), buttons,
 * selects, modals and slash commands become actions and commands, and engine replies are rendered as embeds
 * and components. Every handler catches its own failures: a rejected REST call never crashes the process.
 */
export async function startDiscord(app: App, options: DiscordOptions = {}): Promise<DiscordPlatform> {
  const { config, engine, store, texts } = app;
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set');
  const logger = app.logger.child({ platform: 'discord' });
  const client = createClient(config.DISCORD_API_URL ?? DISCORD_API);
  const routing = new DiscordRouting(config);
  const people = new DiscordPeople(client, routing);
  const admin = new AdminNotices(client.rest, routing, logger);
  const outbox = new DiscordOutbox(client.rest, routing, admin, logger, (threadId, question) => nameOwnThread(client, threadId, question, admin));
  const inbound = new DiscordInbound({ client, store, people, routing, admin, threadName: texts.thread_name });
  const interactions = new DiscordInteractions({
    client,
    engine,
    outbox,
    people,
    admin,
    logger,
    texts: { commentTitle: texts.survey.comment_title, commentPrompt: texts.survey.comment_prompt, unknownConversation: texts.refusals.unknown_conversation, noThread: texts.errors.no_thread, askEcho: texts.ask_echo, threadName: texts.thread_name },
    ackAfterMs: options.ackAfterMs ?? ACK_AFTER_MS,
  });

  const inFlight = new Set<Promise<void>>();
  let accepting = true;
  const track = (what: string, context: Record<string, unknown>, work: () => Promise<void>) => {
    if (!accepting) return logger.debug(`discord: shutting down; ignored ${what}`, context);
    const running = work().catch((error: unknown) => logger.error(`discord: failed to handle ${what}`, { ...context, ...describeError(error) }));
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
  };
  client.on(Events.MessageCreate, (message) =>
    track('a message', { channel: message.channelId, message: message.id }, async () => {
      const event = await inbound.message(message);
      if (event) await inbound.opening.during(conversationIdFor(event.thread), () => engine.handle(event, outbox));
    }),
  );
  client.on(Events.InteractionCreate, (interaction) => track('an interaction', { interaction: interaction.id, type: interaction.type }, () => interactions.handle(interaction)));
  logConnectionEvents(client, logger);

  await connect(client, token, logger);
  const setupProblems = checkSetup(client, routing, logger);
  let stopping: Promise<void> | undefined;
  return {
    name: 'discord',
    client,
    outbox,
    setupProblems,
    stop() {
      stopping ??= (async () => {
        // Replies to what Discord already delivered still go out, and what it delivers meanwhile is handled too:
        // Discord would not send it again to the next process. New work stops being taken after DRAIN_MS.
        const deadline = Date.now() + DRAIN_MS;
        while (inFlight.size > 0 && Date.now() < deadline) {
          await Promise.race([Promise.allSettled([...inFlight]), sleep(deadline - Date.now(), undefined, { ref: false })]);
        }
        accepting = false;
        await Promise.allSettled([...inFlight]);
        await client.destroy();
      })();
      return stopping;
    },
  };
}
