import { z } from 'zod';
import type { ActionName, Button } from '../../engine/types.js';

/**
 * How an engine button travels through Slack: action_id `threadline:<action>:<n>` (unique within its
 * block, as Slack requires) and a value holding the conversation id and the button's own value.
 */
export const ACTION_PREFIX = 'threadline:';
export const ACTION_ID_PATTERN = /^threadline:([a-z-]+):\d+$/;
/** The adapter's own button that opens the comment modal when no trigger_id was at hand. */
export const OPEN_COMMENT_ACTION_ID = 'threadline-open-comment';
export const COMMENT_CALLBACK_ID = 'threadline-comment';

const MAX_VALUE = 2000;

const ACTIONS = ['solved', 'talk-to-person', 'choose', 'none-of-these', 'claim', 'resolve', 'rate', 'comment'] as const satisfies readonly ActionName[];
const buttonValue = z.object({ c: z.string().min(1), v: z.string().optional() });

export function actionIdFor(button: Button, index: number): string {
  return `${ACTION_PREFIX}${button.action}:${index}`;
}

export function valueFor(button: Button): string {
  const value = JSON.stringify({ c: button.conversationId, v: button.value });
  if (value.length > MAX_VALUE) throw new Error(`button value for ${button.action} is over Slack's ${MAX_VALUE} characters`);
  return value;
}

/** The engine action behind a pressed button, or undefined when it is not one of ours (or was tampered with). */
export function decodeAction(actionId: string, value: string | undefined): { action: ActionName; conversationId: string; value?: string } | undefined {
  const name = ACTION_ID_PATTERN.exec(actionId)?.[1];
  const action = ACTIONS.find((a) => a === name);
  if (!action || value === undefined) return undefined;
  const parsed = buttonValue.safeParse(safeJson(value));
  if (!parsed.success) return undefined;
  return { action, conversationId: parsed.data.c, value: parsed.data.v };
}

/** The comment modal's private_metadata: which conversation and survey round the comment belongs to. */
export const commentMetadata = z.object({ c: z.string().min(1), r: z.string().min(1) });
export type CommentMetadata = z.infer<typeof commentMetadata>;

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
