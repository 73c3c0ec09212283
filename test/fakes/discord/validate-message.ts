import { DiscordErrors, FormErrors, type HttpAnswer } from './errors.js';

type Json = Record<string, unknown>;
type Path = Array<string | number>;

const IS_COMPONENTS_V2 = 1 << 15;
const BUTTON = 2;
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);
const LINK_STYLE = 5;
const PREMIUM_STYLE = 6;

/**
 * Discord's checks on a message body (create, edit, interaction reply): the ones a bot trips over in practice,
 * e.g. an empty message, over 2,000 characters, six buttons in a row, duplicate custom_ids.
 */
export function validateMessageBody(body: Json, options: { isCreate: boolean; fileCount: number }): HttpAnswer | undefined {
  const content = typeof body.content === 'string' ? body.content : undefined;
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Json[]) : [];
  const components = Array.isArray(body.components) ? (body.components as Json[]) : [];
  const hasSomething = Boolean(content) || embeds.length > 0 || components.length > 0 || options.fileCount > 0 ||
    Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0 || body.poll !== undefined && body.poll !== null;
  if (options.isCreate && !hasSomething) return DiscordErrors.emptyMessage();

  const errors = new FormErrors();
  errors.maxLength(['content'], content, 2000);
  if (embeds.length > 10) errors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  embeds.forEach((embed, index) => checkEmbed(errors, ['embeds', index], embed));
  const isV2 = typeof body.flags === 'number' && (body.flags & IS_COMPONENTS_V2) !== 0;
  if (!isV2) checkRows(errors, components);
  checkUniqueCustomIds(errors, components);
  return errors.answer();
}

function checkEmbed(errors: FormErrors, path: Path, embed: Json): void {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  errors.maxLength([...path, 'title'], text(embed.title), 256);
  errors.maxLength([...path, 'description'], text(embed.description), 4096);
  errors.maxLength([...path, 'footer', 'text'], text((embed.footer as Json | undefined)?.text), 2048);
  errors.maxLength([...path, 'author', 'name'], text((embed.author as Json | undefined)?.name), 256);
  const fields = Array.isArray(embed.fields) ? (embed.fields as Json[]) : [];
  if (fields.length > 25) errors.add([...path, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  fields.forEach((field, index) => {
    if (errors.required([...path, 'fields', index, 'name'], field.name)) errors.maxLength([...path, 'fields', index, 'name'], text(field.name), 256);
    if (errors.required([...path, 'fields', index, 'value'], field.value)) errors.maxLength([...path, 'fields', index, 'value'], text(field.value), 1024);
  });
}

function checkRows(errors: FormErrors, rows: Json[]): void {
  if (rows.length > 5) errors.add(['components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  rows.forEach((row, rowIndex) => {
    const path: Path = ['components', rowIndex];
    if (row.type !== 1) return errors.add([...path, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
    const children = Array.isArray(row.components) ? (row.components as Json[]) : [];
    errors.length([...path, 'components'], children, 1, 5);
    const hasSelect = children.some((child) => SELECT_TYPES.has(child.type as number));
    if (hasSelect && children.length > 1) {
      errors.add([...path, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
    }
    children.forEach((child, index) => checkInteractive(errors, [...path, 'components', index], child));
  });
}

function checkInteractive(errors: FormErrors, path: Path, component: Json): void {
  if (component.type === BUTTON) {
    errors.maxLength([...path, 'label'], component.label as string | undefined, 80);
    if (component.style === LINK_STYLE) {
      errors.required([...path, 'url'], component.url);
      if (component.custom_id !== undefined) errors.add([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_FORBIDDEN', 'A custom id cannot be set on a link button');
    } else if (component.style !== PREMIUM_STYLE) {
      checkCustomId(errors, path, component);
    }
    if (!component.label && !component.emoji && component.style !== PREMIUM_STYLE) {
      errors.add([...path, 'label'], 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A label or an emoji is required');
    }
  } else if (SELECT_TYPES.has(component.type as number)) {
    checkCustomId(errors, path, component);
    const selectOptions = component.options as Json[] | undefined;
    if (component.type === 3) errors.length([...path, 'options'], selectOptions, 1, 25);
    errors.maxLength([...path, 'placeholder'], component.placeholder as string | undefined, 150);
  }
}

function checkCustomId(errors: FormErrors, path: Path, component: Json): void {
  if (errors.required([...path, 'custom_id'], component.custom_id)) {
    errors.length([...path, 'custom_id'], component.custom_id as string, 1, 100);
  }
}

function checkUniqueCustomIds(errors: FormErrors, components: Json[]): void {
  const seen = new Set<string>();
  for (const { component, path } of walkComponents(components, ['components'])) {
    const id = component.custom_id;
    if (typeof id !== 'string') continue;
    if (seen.has(id)) errors.add([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
    seen.add(id);
  }
}

/** Every component at any depth (rows, containers, sections, labels), with its path for error messages. */
export function* walkComponents(components: unknown, path: Path = []): Generator<{ component: Json; path: Path }> {
  if (!Array.isArray(components)) return;
  for (const [index, component] of (components as Json[]).entries()) {
    const here = [...path, index];
    yield { component, path: here };
    yield* walkComponents(component.components, [...here, 'components']);
    if (component.accessory) yield* walkComponents([component.accessory], [...here, 'accessory']);
    if (component.component) yield* walkComponents([component.component], [...here, 'component']);
  }
}

/** Checks on a modal (callback type 9): title, custom_id, 1–5 rows or labels, text inputs. */
export function validateModal(data: Json | undefined): HttpAnswer | undefined {
  const errors = new FormErrors();
  if (!data) {
    errors.add(['data'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return errors.answer();
  }
  if (errors.required(['data', 'custom_id'], data.custom_id)) errors.length(['data', 'custom_id'], data.custom_id as string, 1, 100);
  if (errors.required(['data', 'title'], data.title)) errors.length(['data', 'title'], data.title as string, 1, 45);
  const top = Array.isArray(data.components) ? (data.components as Json[]) : [];
  errors.length(['data', 'components'], top, 1, 5);
  top.forEach((item, index) => {
    const path: Path = ['data', 'components', index];
    if (item.type === 1) {
      const children = Array.isArray(item.components) ? (item.components as Json[]) : [];
      errors.length([...path, 'components'], children, 1, 1);
      children.forEach((input, i) => checkTextInput(errors, [...path, 'components', i], input, true));
    } else if (item.type === 18) {
      errors.length([...path, 'label'], item.label as string | undefined, 1, 45);
      const inner = item.component as Json | undefined;
      if (inner?.type === 4) checkTextInput(errors, [...path, 'component'], inner, false);
      else if (errors.required([...path, 'component'], inner) && inner) checkCustomId(errors, [...path, 'component'], inner);
    } else if (item.type !== 10) {
      errors.add([...path, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1, 10, 18).');
    }
  });
  return errors.answer();
}

function checkTextInput(errors: FormErrors, path: Path, input: Json, needsLabel: boolean): void {
  if (input.type !== 4) return errors.add([...path, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (4,).');
  checkCustomId(errors, path, input);
  if (input.style !== 1 && input.style !== 2) errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2).');
  if (needsLabel && errors.required([...path, 'label'], input.label)) errors.length([...path, 'label'], input.label as string, 1, 45);
  errors.maxLength([...path, 'placeholder'], input.placeholder as string | undefined, 100);
  errors.maxLength([...path, 'value'], input.value as string | undefined, 4000);
}
