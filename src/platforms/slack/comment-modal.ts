import type { types } from '@slack/bolt';
import { z } from 'zod';
import { COMMENT_CALLBACK_ID, commentMetadata, safeJson, type CommentMetadata } from './action-codec.js';
import { truncate } from './slack-text.js';

const BLOCK_ID = 'comment';
const ACTION_ID = 'text';

/** The optional low-score comment as a modal; private_metadata says which conversation and round. */
export function commentModal(options: { title: string; prompt: string; send: string; skip: string; conversationId: string; round: string }): types.ModalView {
  const metadata: CommentMetadata = { c: options.conversationId, r: options.round };
  return {
    type: 'modal',
    callback_id: COMMENT_CALLBACK_ID,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: truncate(options.title, 24) },
    submit: { type: 'plain_text', text: truncate(options.send, 24) },
    close: { type: 'plain_text', text: truncate(options.skip, 24) },
    blocks: [
      {
        type: 'input',
        block_id: BLOCK_ID,
        optional: true,
        label: { type: 'plain_text', text: truncate(options.prompt, 2000) },
        element: { type: 'plain_text_input', action_id: ACTION_ID, multiline: true, max_length: 3000 },
      },
    ],
  };
}

const submission = z.object({
  private_metadata: z.string(),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }).loose())) }),
});

/** The conversation, round and text of a submitted comment modal, or undefined if it is not ours. */
export function readCommentSubmission(view: unknown): (CommentMetadata & { text: string }) | undefined {
  const parsed = submission.safeParse(view);
  if (!parsed.success) return undefined;
  const metadata = commentMetadata.safeParse(safeJson(parsed.data.private_metadata));
  if (!metadata.success) return undefined;
  const text = parsed.data.state.values[BLOCK_ID]?.[ACTION_ID]?.value ?? '';
  return { ...metadata.data, text };
}
