import { setTimeout as sleep } from 'node:timers/promises';
import type { App as BoltApp, RespondFn } from '@slack/bolt';
import type { Engine } from '../../engine/engine.js';
import { conversationIdFor } from '../../engine/conversation.js';
import type { Inbound } from '../../engine/types.js';
import type { Logger } from '../../logger.js';
import { ACTION_ID_PATTERN, COMMENT_CALLBACK_ID, OPEN_COMMENT_ACTION_ID, commentMetadata, safeJson } from './action-codec.js';
import { COMMAND, USAGE, parseCommand } from './commands.js';
import { commentModal } from './comment-modal.js';
import type { SlackInbound } from './inbound.js';
import type { Interaction, SlackOutbox } from './outbox.js';
import { blockActions, eventEnvelope, messageEvent, slashCommand, viewSubmission } from './payloads.js';
import { errorText, type SlackPeople } from './people.js';

const APP_MENTION_GRACE_MS = 1_500;

export interface ListenerDeps {
  engine: Engine;
  inbound: SlackInbound;
  outbox: SlackOutbox;
  people: SlackPeople;
  logger: Logger;
  /** Teams a conversation can be handed to (never mistaken for conversation ids in commands). */
  teams: () => string[];
  texts: { commentTitle: string; commentPrompt: string; commentSend: string; commentSkip: string };
  /** Keeps track of work after the ack, so stop() can wait for it. */
  track: (work: Promise<void>) => void;
}

/**
 * Bolt listeners: every one acknowledges first (Slack allows 3 s), then translates and hands the work
 * to the engine. A failure is logged with what Slack sent; it never reaches Bolt as an unhandled error.
 */
export function registerListeners(bolt: BoltApp, deps: ListenerDeps): void {
  const { engine, inbound, outbox, logger } = deps;
  const run = (what: string, context: Record<string, unknown>, work: () => Promise<void>) =>
    deps.track(work().catch((error: unknown) => logger.error(`slack: failed to handle ${what}`, { ...context, error: errorText(error) })));
  const handle = (event: Inbound, interaction?: Interaction) => engine.handle(event, interaction ? outbox.forInteraction(interaction) : outbox);

  const onMessage = async ({ event, body, context }: { event: unknown; body: unknown; context: { botUserId?: string; retryNum?: number } }) => {
    const parsed = messageEvent.safeParse(event);
    const envelope = eventEnvelope.safeParse(body);
    if (!parsed.success || !envelope.success) return logger.debug('slack: ignored an event of an unexpected shape');
    const where = { event: parsed.data.type, channel: parsed.data.channel, ts: parsed.data.ts, retry: context.retryNum };
    run('a message', where, async () => {
      // The same mention also comes as a message event, which says what kind of conversation it is in (a group DM
      // looks like a channel in an app_mention): that copy goes first, and this one is then a repeat. An
      // app_mention alone (the bot was invited by the mention) is still handled, a moment later.
      if (parsed.data.type === 'app_mention') await sleep(APP_MENTION_GRACE_MS);
      const message = await inbound.message(envelope.data.team_id, parsed.data, context.botUserId);
      if (message) await inbound.opening.during(conversationIdFor(message.thread), () => handle(message));
    });
  };
  bolt.event('message', onMessage);
  bolt.event('app_mention', onMessage);

  bolt.action(ACTION_ID_PATTERN, async ({ ack, body, respond }) => {
    await ack();
    const parsed = blockActions.safeParse(body);
    if (!parsed.success) return logger.warn('slack: ignored a button press of an unexpected shape');
    const press = parsed.data;
    run('a button press', { action: press.actions[0]?.action_id, user: press.user.id }, async () => {
      const action = await inbound.action(press);
      if (!action) return logger.warn('slack: a button press did not decode', { action: press.actions[0]?.action_id });
      await handle(action, {
        triggerId: press.trigger_id,
        channelId: press.container?.channel_id ?? press.channel?.id,
        threadTs: press.container?.thread_ts ?? press.message?.thread_ts,
        respond: respondVia(respond),
      });
    });
  });

  // The fallback "add a comment" button: a fresh click brings a fresh trigger_id for the modal.
  bolt.action(OPEN_COMMENT_ACTION_ID, async ({ ack, body, client }) => {
    await ack();
    const press = blockActions.safeParse(body);
    const metadata = press.success ? commentMetadata.safeParse(safeJson(press.data.actions[0]?.value ?? '')) : undefined;
    if (!press.success || !metadata?.success || !press.data.trigger_id) return logger.warn('slack: ignored a comment button of an unexpected shape');
    const { c, r } = metadata.data;
    const view = commentModal({ title: deps.texts.commentTitle, prompt: deps.texts.commentPrompt, send: deps.texts.commentSend, skip: deps.texts.commentSkip, conversationId: c, round: r });
    run('the comment button', { conversation: c }, async () => void (await client.views.open({ trigger_id: press.data.trigger_id!, view })));
  });

  bolt.view(COMMENT_CALLBACK_ID, async ({ ack, body }) => {
    await ack();
    const parsed = viewSubmission.safeParse(body);
    if (!parsed.success) return logger.warn('slack: ignored a modal submission of an unexpected shape');
    run('a comment', { view: parsed.data.view.id, user: parsed.data.user.id }, async () => {
      const action = await inbound.comment(parsed.data);
      if (action) await handle(action);
    });
  });

  bolt.command(COMMAND, async ({ ack, body, respond }) => {
    const parsed = slashCommand.safeParse(body);
    if (!parsed.success) return void (await ack({ response_type: 'ephemeral', text: USAGE }));
    const command = parsed.data;
    const result = parseCommand(command.text, command.team_id, deps.teams());
    if (result.kind === 'usage') return void (await ack({ response_type: 'ephemeral', text: result.problem ? `${result.problem}\n${USAGE}` : USAGE }));
    await ack();
    run('a slash command', { command: result.name, user: command.user_id }, async () => {
      const from = await deps.people.person(command.team_id, command.user_id);
      await handle(
        { kind: 'command', eventId: `command:${command.trigger_id}`, name: result.name, args: result.args, from, conversationId: result.conversationId },
        { triggerId: command.trigger_id, respond: respondVia(respond), preferRespond: true },
      );
    });
  });

  bolt.error(async (error) => {
    logger.error('slack: Bolt reported an error', { error: errorText(error.original ?? error), code: error.code });
  });
}

function respondVia(respond: RespondFn): Interaction['respond'] {
  return (message) => respond(message);
}
