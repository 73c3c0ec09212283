import { z } from 'zod';

/**
 * The parts of Slack's payloads the adapter reads, checked at the edge. Everything else Slack sends
 * is allowed through untouched (loose objects), so new fields never break parsing.
 */

/** A `message` or `app_mention` event. */
export const messageEvent = z.looseObject({
  type: z.enum(['message', 'app_mention']),
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().default(''),
  ts: z.string(),
  thread_ts: z.string().optional(),
  channel: z.string(),
  channel_type: z.string().optional(),
  /** Files shared with the message (file_share): named, with a permalink people in the workspace can open. */
  files: z.array(z.looseObject({ name: z.string().optional(), title: z.string().optional(), permalink: z.string().optional() })).optional(),
});
export type MessageEvent = z.infer<typeof messageEvent>;

export const eventEnvelope = z.looseObject({ team_id: z.string(), event_id: z.string().optional() });

/** One button press (block_actions). */
export const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  user: z.looseObject({ id: z.string(), team_id: z.string().optional() }),
  team: z.looseObject({ id: z.string() }).nullish(),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
  channel: z.looseObject({ id: z.string() }).optional(),
  container: z.looseObject({ channel_id: z.string().optional(), message_ts: z.string().optional(), thread_ts: z.string().optional() }).optional(),
  message: z.looseObject({ ts: z.string().optional(), thread_ts: z.string().optional() }).optional(),
  actions: z.array(z.looseObject({ action_id: z.string(), value: z.string().optional(), action_ts: z.string() })).min(1),
});
export type BlockActions = z.infer<typeof blockActions>;

export const viewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  user: z.looseObject({ id: z.string(), team_id: z.string().optional() }),
  team: z.looseObject({ id: z.string() }).nullish(),
  view: z.looseObject({ id: z.string() }),
});

export const slashCommand = z.looseObject({
  team_id: z.string(),
  user_id: z.string(),
  channel_id: z.string(),
  text: z.string().default(''),
  trigger_id: z.string(),
  response_url: z.string().optional(),
});
export type SlashCommandPayload = z.infer<typeof slashCommand>;

/** Message subtypes that are still a person writing: a reply also sent to the channel, a message with a file. */
export const PERSON_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);
