import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
  type APIBaseInteraction,
  type APIInteractionGuildMember,
  type APIPartialInteractionGuild,
  type APIUser,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIChatInputApplicationCommandInteractionData,
  type APIModalSubmissionComponent,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
} from 'discord.js';
import type { InteractionRecord } from './interaction-store.js';
import { walkComponents } from './validate-message.js';
import type { World } from './world.js';

/** Who acts: a user id, optionally with roles other than their fixture roles. */
export interface Actor {
  userId: string;
  roles?: string[];
  locale?: string;
}

type Json = Record<string, unknown>;
type OptionValue = string | number | boolean;

type BaseFields = APIBaseInteraction<InteractionType, unknown>;
type Common = Pick<
  BaseFields,
  'id' | 'application_id' | 'token' | 'version' | 'app_permissions' | 'locale' | 'entitlements' |
  'authorizing_integration_owners' | 'context' | 'attachment_size_limit' | 'message'
> & Required<Pick<BaseFields, 'channel' | 'channel_id'>>;
type GuildPart = { guild_id: string; guild: APIPartialInteractionGuild; guild_locale: Locale; member: APIInteractionGuildMember };
type DMPart = { user: APIUser };

/** The fields every INTERACTION_CREATE carries, filled as Discord does for a guild-installed bot. */
function base(world: World, type: 2 | 3 | 4 | 5, channelId: string, actor: Actor, message?: APIMessage) {
  const channel = world.requireChannel(channelId);
  const guildId = world.guildIdOf(channel);
  const user = world.requireUser(actor.userId);
  const permissions = world.permissionsIn(channelId, actor.userId, actor.roles);
  const record: InteractionRecord = {
    id: world.ids.next(),
    token: `fake-token-${randomBytes(24).toString('base64url')}`,
    type,
    createdAt: Date.now(),
    channelId,
    guildId,
    userId: actor.userId,
    message,
    callback: undefined,
    originalMessageId: undefined,
    followUpIds: [],
  };
  const who: GuildPart | DMPart = guildId
    ? {
        guild_id: guildId,
        guild: { id: guildId, locale: Locale.EnglishUS, features: [] },
        guild_locale: Locale.EnglishUS,
        member: guildMember(world, guildId, actor, permissions),
      }
    : { user };
  const common: Common = {
    id: record.id,
    application_id: world.applicationId,
    token: record.token,
    version: 1,
    // Discord adds the member's permissions to the channel object (not in discord-api-types).
    channel: Object.assign({ ...channel }, { permissions }) as Common['channel'],
    channel_id: channelId,
    app_permissions: world.permissionsIn(channelId, world.bot.id),
    locale: (actor.locale as Locale | undefined) ?? Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId ?? '0' },
    context: guildId ? InteractionContextType.Guild : InteractionContextType.BotDM,
    attachment_size_limit: 10_485_760,
    ...(message ? { message } : {}),
  };
  return { record, payload: { ...common, ...who } };
}

function guildMember(world: World, guildId: string, actor: Actor, permissions: string): APIInteractionGuildMember {
  const member = world.member(guildId, actor.userId);
  if (!member) throw new Error(`FakeDiscord: user ${actor.userId} is not a member of guild ${guildId}`);
  return { ...member, user: member.user ?? world.requireUser(actor.userId), roles: actor.roles ?? member.roles, permissions };
}

/** A button press (component_type 2) or a string select (3) on a message the bot posted. */
export function componentInteraction(world: World, input: { message: APIMessage; customId: string; values?: string[]; actor: Actor }) {
  const component = findComponent(input.message, input.customId);
  const isSelect = component.type === 3;
  if (!isSelect && component.type !== 2) throw new Error(`FakeDiscord: component ${input.customId} has type ${String(component.type)}, not a button or string select`);
  if (component.disabled) throw new Error(`FakeDiscord: component ${input.customId} is disabled; Discord would not let the user use it`);
  if (isSelect) checkSelectValues(component, input.values ?? []);
  const { record, payload } = base(world, 3, input.message.channel_id, input.actor, input.message);
  const common = { ...payload, type: InteractionType.MessageComponent as const, message: input.message };
  const interaction: APIMessageComponentInteraction = isSelect
    ? { ...common, data: { custom_id: input.customId, component_type: ComponentType.StringSelect, values: input.values ?? [] } }
    : { ...common, data: { custom_id: input.customId, component_type: ComponentType.Button } };
  return { record, payload: interaction };
}

/** The submission of a modal the bot showed (found by custom_id), mirroring its rows or labels. */
export function modalSubmitInteraction(world: World, input: { shownBy: InteractionRecord; fields: Record<string, string>; actor: Actor }) {
  const modal = input.shownBy.callback?.data as Json;
  const inputs = [...walkComponents(modal.components)].map(({ component }) => component).filter((c) => c.type === 4);
  const known = new Set(inputs.map((c) => c.custom_id as string));
  const unknown = Object.keys(input.fields).filter((id) => !known.has(id));
  if (unknown.length) throw new Error(`FakeDiscord: modal ${String(modal.custom_id)} has no input ${unknown.join(', ')}; it has ${[...known].join(', ')}`);
  for (const field of inputs) {
    const value = input.fields[field.custom_id as string] ?? '';
    if (field.required !== false && value === '') throw new Error(`FakeDiscord: modal input ${String(field.custom_id)} is required`);
  }
  const answer = (c: Json) => ({ type: 4, id: c.id, custom_id: c.custom_id, value: input.fields[c.custom_id as string] ?? '' });
  const components = (modal.components as Json[]).map((item) => {
    if (item.type === 18) return { type: 18, id: item.id, component: answer(item.component as Json) };
    if (item.type === 1) return { type: 1, id: item.id, components: (item.components as Json[]).map(answer) };
    return { type: item.type, id: item.id };
  });
  const { record, payload } = base(world, 5, input.shownBy.channelId, input.actor, input.shownBy.message);
  // The components echo whatever layout the bot sent, so only the envelope is type-checked.
  const data = { custom_id: String(modal.custom_id), components: components as APIModalSubmissionComponent[] };
  const interaction: APIModalSubmitInteraction = {
    ...payload, type: InteractionType.ModalSubmit, data, ...(input.shownBy.message ? { message: input.shownBy.message } : {}),
  };
  return { record, payload: interaction };
}

/** A chat-input command the bot registered, with options typed from its registration. */
export function slashCommandInteraction(world: World, input: { name: string; options: Record<string, OptionValue>; channelId: string; actor: Actor }) {
  const channel = world.requireChannel(input.channelId);
  const guildId = world.guildIdOf(channel);
  const command = world.commands.find(input.name, guildId);
  if (!command) {
    const known = [...world.commands.list(), ...(guildId ? world.commands.list(guildId) : [])].map((c) => c.name);
    throw new Error(`FakeDiscord: no command /${input.name} is registered (the bot must PUT it first); registered: ${known.join(', ') || 'none'}`);
  }
  const resolved: APIInteractionDataResolved = {};
  const options = buildOptions(world, command.options ?? [], input.options, resolved, input.channelId);
  const { record, payload } = base(world, 2, input.channelId, input.actor);
  const data: APIChatInputApplicationCommandInteractionData = {
    id: command.id, name: command.name, type: ApplicationCommandType.ChatInput, ...(guildId && command.guild_id ? { guild_id: guildId } : {}),
    ...(options.length ? { options } : {}), ...(Object.keys(resolved).length ? { resolved } : {}),
  };
  const interaction: APIChatInputApplicationCommandInteraction = { ...payload, type: InteractionType.ApplicationCommand, data };
  return { record, payload: interaction };
}

/**
 * What the Discord client sends while a user types into an option registered with `autocomplete: true`: the
 * command's options so far, the one being typed marked `focused` (its value is the partial text, unchecked).
 */
export function autocompleteInteraction(world: World, input: { name: string; option: string; typed: string; channelId: string; actor: Actor }) {
  const guildId = world.guildIdOf(world.requireChannel(input.channelId));
  const command = world.commands.find(input.name, guildId);
  if (!command) throw new Error(`FakeDiscord: no command /${input.name} is registered (the bot must PUT it first)`);
  const definition = (command.options ?? []).find((o) => o.name === input.option);
  if (!definition) throw new Error(`FakeDiscord: /${input.name} has no option "${input.option}"`);
  if (!('autocomplete' in definition && definition.autocomplete)) {
    throw new Error(`FakeDiscord: option "${input.option}" of /${input.name} is not registered with autocomplete: true, so Discord would never ask the bot`);
  }
  const { record, payload } = base(world, 4, input.channelId, input.actor);
  const interaction: APIApplicationCommandAutocompleteInteraction = {
    ...payload,
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: command.id, name: command.name, type: ApplicationCommandType.ChatInput, ...(guildId && command.guild_id ? { guild_id: guildId } : {}),
      options: [{ name: definition.name, type: definition.type, value: input.typed, focused: true } as APIApplicationCommandInteractionDataOption],
    },
  } as APIApplicationCommandAutocompleteInteraction;
  return { record, payload: interaction };
}

const VALUE_TYPES: Record<number, string> = { 3: 'string', 4: 'number', 5: 'boolean', 6: 'string', 7: 'string', 8: 'string', 10: 'number' };

/** Option values as Discord sends them, checked the way the Discord client would refuse bad input. */
function buildOptions(
  world: World, definitions: APIApplicationCommandOption[], values: Record<string, OptionValue>, resolved: APIInteractionDataResolved, channelId: string,
): APIApplicationCommandInteractionDataOption[] {
  for (const name of Object.keys(values)) {
    if (!definitions.some((d) => d.name === name)) throw new Error(`FakeDiscord: the command has no option "${name}"`);
  }
  const guildId = world.guildIdOf(world.requireChannel(channelId));
  return definitions.flatMap((definition) => {
    const value = values[definition.name];
    if (value === undefined) {
      if ('required' in definition && definition.required) throw new Error(`FakeDiscord: option "${definition.name}" is required`);
      return [];
    }
    const expected = VALUE_TYPES[definition.type];
    if (expected === undefined) throw new Error(`FakeDiscord: option type ${definition.type} (${definition.name}) is not supported`);
    if (typeof value !== expected || (definition.type === 4 && !Number.isInteger(value))) {
      throw new Error(`FakeDiscord: option "${definition.name}" needs a ${definition.type === 4 ? 'integer' : expected}, got ${JSON.stringify(value)}`);
    }
    const choices = 'choices' in definition ? definition.choices : undefined;
    if (choices?.length && !choices.some((choice) => choice.value === value)) {
      throw new Error(`FakeDiscord: "${String(value)}" is not a choice of option "${definition.name}"`);
    }
    if (definition.type === 6) resolveUser(world, resolved, String(value), guildId, channelId);
    if (definition.type === 8 && guildId) {
      const role = world.guilds.get(guildId)?.roles.find((r) => r.id === value);
      if (!role) throw new Error(`FakeDiscord: no role ${String(value)} in guild ${guildId}`);
      resolved.roles = { ...resolved.roles, [role.id]: role };
    }
    return [{ name: definition.name, type: definition.type, value } as APIApplicationCommandInteractionDataOption];
  });
}

function resolveUser(world: World, resolved: APIInteractionDataResolved, userId: string, guildId: string | undefined, channelId: string): void {
  const user = world.requireUser(userId);
  resolved.users = { ...resolved.users, [user.id]: user };
  const member = guildId ? world.member(guildId, user.id) : undefined;
  if (!member) return;
  const { user: _user, ...rest } = member;
  resolved.members = { ...resolved.members, [user.id]: { ...rest, permissions: world.permissionsIn(channelId, user.id) } };
}

function findComponent(message: APIMessage, customId: string): Json {
  const all = [...walkComponents(message.components)].map(({ component }) => component);
  const found = all.find((component) => component.custom_id === customId);
  if (!found) {
    const ids = all.flatMap((c) => (typeof c.custom_id === 'string' ? [c.custom_id] : []));
    throw new Error(`FakeDiscord: message ${message.id} has no component "${customId}"; it has ${ids.join(', ') || 'none'}`);
  }
  return found;
}

function checkSelectValues(select: Json, values: string[]): void {
  const allowed = ((select.options as Json[] | undefined) ?? []).map((option) => option.value as string);
  const wrong = values.filter((value) => !allowed.includes(value));
  if (wrong.length) throw new Error(`FakeDiscord: select ${String(select.custom_id)} has no option ${wrong.join(', ')}`);
  const min = (select.min_values as number | undefined) ?? 1;
  const max = (select.max_values as number | undefined) ?? 1;
  if (values.length < min || values.length > max) throw new Error(`FakeDiscord: select ${String(select.custom_id)} takes ${min}–${max} values, got ${values.length}`);
}
