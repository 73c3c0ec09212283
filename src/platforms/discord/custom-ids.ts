import { z } from 'zod';
import type { ActionName } from '../../engine/types.js';

/**
 * How an engine button travels through Discord: the component's custom_id (at most 100 characters) carries
 * `tl:<action>:<conversation>[:<value>]`. The adapter's own components use their own prefixes.
 */
const PREFIX = 'tl';
const MAX_CUSTOM_ID = 100;
/** conversationIdFor's shape: "c" and 15 base64url characters. */
const CONVERSATION_ID = /^c[A-Za-z0-9_-]{15}$/;
const ACTIONS = ['solved', 'talk-to-person', 'choose', 'none-of-these', 'claim', 'resolve', 'rate', 'comment'] as const satisfies readonly ActionName[];

/** The low-score comment modal, and the button that opens it when the modal could not be the first response. */
const COMMENT_MODAL = 'tl-comment';
const OPEN_COMMENT = 'tl-open-comment';
/** The text input inside the comment modal. */
export const COMMENT_INPUT_ID = 'comment';

const pressed = z.object({
  action: z.enum(ACTIONS),
  conversationId: z.string().regex(CONVERSATION_ID),
  value: z.string().min(1).optional(),
});
export type PressedAction = z.infer<typeof pressed>;

const commentTarget = z.object({ conversationId: z.string().regex(CONVERSATION_ID), round: z.string().regex(/^\d+$/) });
export type CommentTarget = z.infer<typeof commentTarget>;

export function customIdFor(action: ActionName, conversationId: string, value?: string): string {
  const id = [PREFIX, action, conversationId, ...(value === undefined ? [] : [value])].join(':');
  if (id.length > MAX_CUSTOM_ID) throw new Error(`the custom_id for "${action}" is ${id.length} characters; Discord allows ${MAX_CUSTOM_ID}`);
  return id;
}

/** The engine action behind a custom_id, or undefined when it is not one of ours (or was tampered with). */
export function decodeCustomId(customId: string): PressedAction | undefined {
  const [prefix, action, conversationId, ...rest] = customId.split(':');
  if (prefix !== PREFIX) return undefined;
  const parsed = pressed.safeParse({ action, conversationId, value: rest.length ? rest.join(':') : undefined });
  return parsed.success ? parsed.data : undefined;
}

export const commentModalId = (target: CommentTarget) => `${COMMENT_MODAL}:${target.conversationId}:${target.round}`;
export const openCommentId = (target: CommentTarget) => `${OPEN_COMMENT}:${target.conversationId}:${target.round}`;
export const readCommentModalId = (customId: string) => readTarget(COMMENT_MODAL, customId);
export const readOpenCommentId = (customId: string) => readTarget(OPEN_COMMENT, customId);

function readTarget(prefix: string, customId: string): CommentTarget | undefined {
  const [head, conversationId, round, extra] = customId.split(':');
  if (head !== prefix || extra !== undefined) return undefined;
  const parsed = commentTarget.safeParse({ conversationId, round });
  return parsed.success ? parsed.data : undefined;
}
