import type { types } from '@slack/bolt';
import type { Button } from '../../../engine/types.js';
import { actionIdFor, valueFor } from '../action-codec.js';
import { splitMrkdwn } from '../mrkdwn.js';
import { truncate } from '../slack-text.js';

export type Block = types.KnownBlock;

/** A rendered reply: Block Kit plus the `text` Slack shows in notifications and we fall back to. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

// Slack's limits: section text 3000, header 150, button label 75, 25 elements per actions block, 50 blocks.
const SECTION_MAX = 3000;
const HEADER_MAX = 150;
const LABEL_MAX = 75;
const FIELD_MAX = 2000;
const BUTTONS_PER_BLOCK = 25;
export const MAX_BLOCKS = 50;

export const section = (mrkdwn: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, SECTION_MAX) } });

/** Long mrkdwn as as many sections as it needs. */
export const sections = (mrkdwn: string): Block[] => splitMrkdwn(mrkdwn, SECTION_MAX).map(section);

export const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text: truncate(text, HEADER_MAX), emoji: true } });

export const context = (mrkdwn: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, SECTION_MAX) }] });

export const fields = (pairs: Array<[string, string]>): Block => ({
  type: 'section',
  fields: pairs.slice(0, 10).map(([name, value]) => ({ type: 'mrkdwn', text: truncate(`*${name}*\n${value}`, FIELD_MAX) })),
});

export const divider = (): Block => ({ type: 'divider' });

/** Engine buttons as Slack buttons; action_ids stay unique within the block. */
export function actions(buttons: Button[]): Block[] {
  const blocks: Block[] = [];
  for (let start = 0; start < buttons.length; start += BUTTONS_PER_BLOCK) {
    blocks.push({ type: 'actions', elements: buttons.slice(start, start + BUTTONS_PER_BLOCK).map((b, i) => slackButton(b, start + i)) });
  }
  return blocks;
}

function slackButton(button: Button, index: number): types.Button {
  return {
    type: 'button',
    action_id: actionIdFor(button, index),
    value: valueFor(button),
    text: { type: 'plain_text', text: truncate(button.label, LABEL_MAX), emoji: true },
    ...(button.style ? { style: button.style } : {}),
  };
}

/** Keeps a message within Slack's block limit, dropping from the middle but keeping the buttons at the end. */
export function capBlocks(blocks: Block[]): Block[] {
  if (blocks.length <= MAX_BLOCKS) return blocks;
  const tail = blocks.filter((b) => b.type === 'actions');
  const rest = blocks.filter((b) => b.type !== 'actions');
  return [...rest.slice(0, MAX_BLOCKS - tail.length - 1), context('…'), ...tail];
}
