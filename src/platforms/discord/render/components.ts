import { ButtonStyle, ComponentType, type APIButtonComponentWithCustomId, type APIStringSelectComponent } from 'discord.js';
import type { Button } from '../../../engine/types.js';
import { customIdFor } from '../custom-ids.js';
import type { ActionRow } from './message.js';
import { LIMITS, truncate } from './text.js';

/** Discord refuses a row of more than five buttons. */
export const BUTTONS_PER_ROW = 5;

const STYLES: Record<NonNullable<Button['style']> | 'default', APIButtonComponentWithCustomId['style']> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  default: ButtonStyle.Secondary,
};

export function discordButton(button: Button, label = button.label): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    custom_id: customIdFor(button.action, button.conversationId, button.value),
    label: truncate(label, LIMITS.buttonLabel),
    style: STYLES[button.style ?? 'default'],
  };
}

export function row(components: ActionRow['components']): ActionRow {
  return { type: ComponentType.ActionRow, components };
}

/** Buttons in rows of at most five. */
export function buttonRows(buttons: Button[], perRow = BUTTONS_PER_ROW): ActionRow[] {
  const rows: ActionRow[] = [];
  for (let start = 0; start < buttons.length; start += perRow) rows.push(row(buttons.slice(start, start + perRow).map((b) => discordButton(b))));
  return rows;
}

/**
 * "Did you mean" choices as one select menu: option labels and values may be 100 characters (button labels 80,
 * and an article id in a custom_id would have to share its 100 with the action and conversation).
 */
export function chooseSelect(choices: Button[]): ActionRow | undefined {
  const first = choices[0];
  const options = choices
    .filter((c) => c.value !== undefined && c.value.length <= LIMITS.selectOption)
    .map((c) => ({ label: truncate(c.label, LIMITS.selectOption), value: c.value as string }));
  if (!first || options.length === 0) return undefined;
  const select: APIStringSelectComponent = { type: ComponentType.StringSelect, custom_id: customIdFor('choose', first.conversationId), options, min_values: 1, max_values: 1 };
  return row([select]);
}
