import { MessageType, type APIMessage, type APIMessageInteractionMetadata } from 'discord.js';
import { DiscordErrors, FormErrors, type HttpAnswer } from './errors.js';
import type { InteractionRecord } from './interaction-store.js';
import { attachmentsFor, type MessageBody } from './message-body.js';
import { createMessage, messageEventData } from './message-builder.js';
import { editMessage, messageFields } from './routes-channels.js';
import type { RouteAnswer, RouteContext, RouteTable } from './routes.js';
import { validateMessageBody, validateModal } from './validate-message.js';

const EPHEMERAL = 64;
const LOADING = 128;
const ok = (body: unknown): RouteAnswer => ({ status: 200, body });
const invalidType = (type: unknown) => {
  const errors = new FormErrors();
  errors.add(['type'], 'INTERACTION_CALLBACK_TYPE_INVALID', `Interaction callback type ${String(type)} is not valid for this interaction`);
  return errors.answer() as HttpAnswer;
};

/** Autocomplete results: up to 25 choices, names 1–100 characters, string values up to 100. */
function validateAutocompleteChoices(data: Record<string, unknown> | undefined): HttpAnswer | undefined {
  const errors = new FormErrors();
  const choices = data?.choices;
  if (!Array.isArray(choices)) {
    errors.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return errors.answer();
  }
  if (choices.length > 25) errors.add(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  choices.forEach((choice: { name?: unknown; value?: unknown }, i) => {
    errors.length(['data', 'choices', i, 'name'], typeof choice.name === 'string' ? choice.name : undefined, 1, 100);
    if (typeof choice.value === 'string') errors.maxLength(['data', 'choices', i, 'value'], choice.value, 100);
    else if (typeof choice.value !== 'number') errors.add(['data', 'choices', i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  });
  return errors.answer();
}

/** The first answer to an interaction: 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete choices, 9 modal. */
function callback(ctx: RouteContext): RouteAnswer {
  const record = ctx.world.interactions.get(ctx.params.id ?? '');
  if (!record || record.token !== ctx.params.token) return DiscordErrors.unknownInteraction();
  if (record.callback) return DiscordErrors.alreadyAcknowledged();
  if (Date.now() - record.createdAt > ctx.settings.interactionResponseMs) return DiscordErrors.unknownInteraction();
  const { type, data } = (ctx.body ?? {}) as { type?: number; data?: Record<string, unknown> };
  const hasMessage = record.message !== undefined;
  const invalid =
    type === 4 ? validateMessageBody(data ?? {}, { isCreate: true, fileCount: ctx.files.length })
    : type === 5 ? undefined
    : type === 6 ? (hasMessage ? undefined : invalidType(type))
    : type === 7 ? (hasMessage ? validateMessageBody(data ?? {}, { isCreate: false, fileCount: ctx.files.length }) : invalidType(type))
    : type === 9 ? (record.type === 5 ? invalidType(type) : validateModal(data))
    : type === 8 ? (record.type === 4 ? validateAutocompleteChoices(data) : invalidType(type))
    : invalidType(type);
  // an autocomplete interaction takes only choices
  if (record.type === 4 && type !== 8) return invalidType(type);
  if (invalid) return invalid;
  record.callback = { type: type as number, data, at: Date.now() };

  let message: APIMessage | undefined;
  let after: (() => Promise<unknown>) | undefined;
  if (type === 4 || type === 5) {
    const flags = ((data?.flags as number | undefined) ?? 0) & EPHEMERAL;
    message = createMessage(ctx.world, {
      channelId: record.channelId,
      author: ctx.world.bot,
      ...(type === 4 ? messageFields((data ?? {}) as MessageBody) : {}),
      flags: type === 4 ? ((data?.flags as number | undefined) ?? 0) : flags | LOADING,
      attachments: type === 4 ? attachmentsFor(ctx) : [],
      ...responseMessageFields(ctx, record),
    });
    record.originalMessageId = message.id;
    const created = message;
    if (!(flags & EPHEMERAL)) after = () => ctx.emit('MESSAGE_CREATE', messageEventData(ctx.world, created));
  } else if (type === 7 && record.message) {
    const answer = editMessage(ctx, ctx.world.messages.get(record.message.id) ?? record.message, (data ?? {}) as MessageBody, { announce: true });
    message = answer.body as APIMessage;
    after = answer.after;
  }
  if (ctx.query.with_response !== 'true') return { status: 204, ...(after ? { after } : {}) };
  return { ...ok(callbackResponse(record, type as number, message)), ...(after ? { after } : {}) };
}

/** What `withResponse: true` returns (an InteractionCallbackResponse). */
function callbackResponse(record: InteractionRecord, type: number, message: APIMessage | undefined) {
  return {
    interaction: {
      id: record.id,
      type: record.type,
      activity_instance_id: null,
      response_message_id: message?.id ?? null,
      response_message_loading: type === 5,
      response_message_ephemeral: Boolean((message?.flags ?? 0) & EPHEMERAL),
    },
    resource: { type, ...(message ? { message } : {}) },
  };
}

/** Responses and follow-ups are webhook messages of the application, tied to the interaction. */
function responseMessageFields(ctx: RouteContext, record: InteractionRecord) {
  const user = ctx.world.requireUser(record.userId);
  const owners = { '0': record.guildId ?? '0' };
  const metadata = (
    record.type === 3
      ? { id: record.id, type: 3, user, authorizing_integration_owners: owners, interacted_message_id: record.message?.id ?? '0' }
      : { id: record.id, type: record.type, user, authorizing_integration_owners: owners }
  ) as APIMessageInteractionMetadata;
  return {
    webhookId: ctx.world.applicationId,
    applicationId: ctx.world.applicationId,
    type: record.type === 2 ? MessageType.ChatInputCommand : MessageType.Default,
    interactionMetadata: metadata,
  };
}

/** The interaction behind a webhook URL; only after its first callback, as on Discord. */
function interactionFor(ctx: RouteContext): InteractionRecord | HttpAnswer {
  if (ctx.params.appId !== ctx.world.applicationId) return DiscordErrors.unknownWebhook();
  const record = ctx.world.interactions.byToken(ctx.params.token ?? '');
  if (!record || !record.callback) return DiscordErrors.unknownWebhook();
  return record;
}

/** "@original": the response message (callbacks 4/5) or the message whose component was used (6/7). */
function originalMessage(ctx: RouteContext, record: InteractionRecord): APIMessage | undefined {
  const id = record.originalMessageId ?? (record.callback?.type === 6 || record.callback?.type === 7 ? record.message?.id : undefined);
  return id ? ctx.world.messages.get(id) : undefined;
}

function withOriginal(ctx: RouteContext, use: (record: InteractionRecord, message: APIMessage) => RouteAnswer): RouteAnswer {
  const record = interactionFor(ctx);
  if (!('token' in record)) return record;
  const message = originalMessage(ctx, record);
  return message ? use(record, message) : DiscordErrors.unknownMessage();
}

/** Replies, deferrals, modals; then editing the reply and sending follow-ups through the interaction webhook. */
export const interactionRoutes: RouteTable<
  | 'POST /interactions/:id/:token/callback' | 'GET /webhooks/:appId/:token/messages/@original'
  | 'PATCH /webhooks/:appId/:token/messages/@original' | 'DELETE /webhooks/:appId/:token/messages/@original'
  | 'PATCH /webhooks/:appId/:token/messages/:mid' | 'POST /webhooks/:appId/:token'
> = {
  'POST /interactions/:id/:token/callback': callback,
  'GET /webhooks/:appId/:token/messages/@original': (ctx) => withOriginal(ctx, (_record, message) => ok(message)),
  'PATCH /webhooks/:appId/:token/messages/@original': (ctx) => withOriginal(ctx, (_record, message) => editMessage(ctx, message, (ctx.body ?? {}) as MessageBody, { announce: true })),
  'DELETE /webhooks/:appId/:token/messages/@original': (ctx) =>
    withOriginal(ctx, (_record, message) => {
      ctx.world.messages.delete(message.id);
      const guildId = ctx.world.guildIdOf(ctx.world.requireChannel(message.channel_id));
      const event = { id: message.id, channel_id: message.channel_id, ...(guildId ? { guild_id: guildId } : {}) };
      return { status: 204, after: () => ctx.emit('MESSAGE_DELETE', event) };
    }),
  'PATCH /webhooks/:appId/:token/messages/:mid': (ctx) => {
    const record = interactionFor(ctx);
    if (!('token' in record)) return record;
    const mid = ctx.params.mid ?? '';
    const message = record.followUpIds.includes(mid) || record.originalMessageId === mid ? ctx.world.messages.get(mid) : undefined;
    return message ? editMessage(ctx, message, (ctx.body ?? {}) as MessageBody, { announce: true }) : DiscordErrors.unknownMessage();
  },
  'POST /webhooks/:appId/:token': (ctx) => {
    const record = interactionFor(ctx);
    if (!('token' in record)) return record;
    const body = (ctx.body ?? {}) as MessageBody;
    const invalid = validateMessageBody(body as Record<string, unknown>, { isCreate: true, fileCount: ctx.files.length });
    if (invalid) return invalid;
    const message = createMessage(ctx.world, {
      channelId: record.channelId, author: ctx.world.bot, ...messageFields(body), attachments: attachmentsFor(ctx), ...responseMessageFields(ctx, record),
    });
    record.followUpIds.push(message.id);
    const after = (message.flags ?? 0) & EPHEMERAL ? undefined : () => ctx.emit('MESSAGE_CREATE', messageEventData(ctx.world, message));
    // Without ?wait=true Discord answers 204 and the caller never learns the message.
    const answer: RouteAnswer = ctx.query.wait === 'true' ? ok(message) : { status: 204 };
    return after ? { ...answer, after } : answer;
  },
};
