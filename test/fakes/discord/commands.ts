import type { APIApplicationCommand, APIApplicationCommandOption } from 'discord.js';
import { FormErrors, type HttpAnswer } from './errors.js';

type CommandInput = Partial<APIApplicationCommand> & { name?: string; options?: APIApplicationCommandOption[] };

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const SUBCOMMAND_TYPES = new Set([1, 2]);

/**
 * Registered application commands, global and per guild. A bulk overwrite replaces the list; a command keeps
 * its id when the same name is registered again, as on Discord.
 */
export class CommandStore {
  private readonly global: APIApplicationCommand[] = [];
  private readonly perGuild = new Map<string, APIApplicationCommand[]>();

  constructor(private readonly nextId: () => string) {}

  list(guildId?: string): APIApplicationCommand[] {
    return guildId === undefined ? [...this.global] : [...(this.perGuild.get(guildId) ?? [])];
  }

  /** A chat-input command by name: guild commands first, then global ones. */
  find(name: string, guildId?: string): APIApplicationCommand | undefined {
    const isMatch = (command: APIApplicationCommand) => command.name === name && (command.type ?? 1) === 1;
    return (guildId ? this.perGuild.get(guildId)?.find(isMatch) : undefined) ?? this.global.find(isMatch);
  }

  overwrite(applicationId: string, inputs: CommandInput[], guildId?: string): APIApplicationCommand[] {
    const previous = this.list(guildId);
    const stored = inputs.map((input): APIApplicationCommand => {
      const type = input.type ?? 1;
      const kept = previous.find((command) => command.name === input.name && command.type === type);
      return {
        id: kept?.id ?? this.nextId(),
        application_id: applicationId,
        version: this.nextId(),
        type,
        name: input.name ?? '',
        name_localizations: input.name_localizations ?? null,
        description: input.description ?? '',
        description_localizations: input.description_localizations ?? null,
        ...(input.options ? { options: input.options } : {}),
        default_member_permissions: input.default_member_permissions ?? null,
        dm_permission: input.dm_permission ?? true,
        nsfw: input.nsfw ?? false,
        integration_types: input.integration_types ?? [0],
        contexts: input.contexts ?? null,
        ...(guildId ? { guild_id: guildId } : {}),
      } as APIApplicationCommand;
    });
    if (guildId === undefined) this.global.splice(0, this.global.length, ...stored);
    else this.perGuild.set(guildId, stored);
    return stored;
  }

  clear(): void {
    this.global.length = 0;
    this.perGuild.clear();
  }
}

/** Discord's checks on a bulk overwrite: names, descriptions, option counts and order, duplicates. */
export function validateCommands(body: unknown): HttpAnswer | undefined {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return errors.answer();
  }
  if (body.length > 100) errors.add([], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
  const seen = new Set<string>();
  body.forEach((raw: CommandInput, index) => {
    const type = raw.type ?? 1;
    checkName(errors, [index, 'name'], raw.name, type === 1);
    if (type === 1) {
      if (errors.required([index, 'description'], raw.description)) errors.length([index, 'description'], raw.description, 1, 100);
      checkOptions(errors, [index, 'options'], raw.options ?? []);
    }
    const key = `${type}:${raw.name}`;
    if (seen.has(key)) errors.add([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    seen.add(key);
  });
  return errors.answer();
}

function checkName(errors: FormErrors, path: Array<string | number>, name: string | undefined, chatInput: boolean): void {
  if (!errors.required(path, name) || name === undefined) return;
  if (!NAME.test(name) || (chatInput && name !== name.toLowerCase())) {
    errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', `Command name is invalid`);
  }
}

function checkOptions(errors: FormErrors, path: Array<string | number>, options: APIApplicationCommandOption[]): void {
  if (options.length > 25) errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  let sawOptional = false;
  options.forEach((option, index) => {
    checkName(errors, [...path, index, 'name'], option.name, true);
    if (errors.required([...path, index, 'description'], option.description)) {
      errors.length([...path, index, 'description'], option.description, 1, 100);
    }
    const required = 'required' in option && option.required === true;
    if (required && sawOptional) {
      errors.add([...path, index, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    }
    if (!required) sawOptional = true;
    if ('choices' in option && (option.choices?.length ?? 0) > 25) {
      errors.add([...path, index, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    }
    if (SUBCOMMAND_TYPES.has(option.type) && 'options' in option) checkOptions(errors, [...path, index, 'options'], option.options ?? []);
  });
}
