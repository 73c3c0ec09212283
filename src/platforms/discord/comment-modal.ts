import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import { COMMENT_INPUT_ID, commentModalId, type CommentTarget } from './custom-ids.js';
import { LIMITS, truncate } from './render/text.js';

/** The engine truncates comments to 3,000 characters; Discord's text input allows up to 4,000. */
const COMMENT_MAX = 3000;

/** The optional low-score comment as a modal; its custom_id says which conversation and survey round. */
export function commentModal(options: { title: string; prompt: string } & CommentTarget): APIModalInteractionResponseCallbackData {
  return {
    custom_id: commentModalId(options),
    title: truncate(options.title, LIMITS.modalTitle),
    components: [
      {
        type: ComponentType.Label,
        label: truncate(options.prompt, LIMITS.modalLabel),
        component: { type: ComponentType.TextInput, custom_id: COMMENT_INPUT_ID, style: TextInputStyle.Paragraph, required: false, max_length: COMMENT_MAX },
      },
    ],
  };
}
