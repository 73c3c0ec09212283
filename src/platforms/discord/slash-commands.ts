import { ApplicationCommandOptionType, ApplicationCommandType, ApplicationIntegrationType, InteractionContextType, type RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import type { CommandName } from '../../engine/types.js';

const QUESTION_MAX = 1500;
/** Also the longest autocomplete choice Discord takes. */
export const TEAM_MAX = 100;
const everywhere = { contexts: [InteractionContextType.Guild, InteractionContextType.BotDM], integration_types: [ApplicationIntegrationType.GuildInstall] };

/**
 * The slash commands `threadline discord register` installs. All but /ask act on the conversation of the
 * thread (or DM) they are typed in; the engine decides who may use which.
 */
export const SLASH_COMMANDS = [
  {
    name: 'ask',
    description: 'Ask a support question (opens a thread for it)',
    type: ApplicationCommandType.ChatInput,
    options: [{ type: ApplicationCommandOptionType.String, name: 'question', description: 'Your question', required: true, max_length: QUESTION_MAX }],
    ...everywhere,
  },
  { name: 'status', description: 'Where this support conversation stands', type: ApplicationCommandType.ChatInput, ...everywhere },
  { name: 'claim', description: 'Take this support conversation (agents)', type: ApplicationCommandType.ChatInput, ...everywhere },
  { name: 'resolve', description: 'Resolve this support conversation; the customer is asked one survey question (agents)', type: ApplicationCommandType.ChatInput, ...everywhere },
  {
    name: 'handoff',
    description: 'Pass this support conversation to another team (agents)',
    type: ApplicationCommandType.ChatInput,
    // autocomplete: Discord asks the bot for the teams as the agent types (they change with the knowledge base)
    options: [{ type: ApplicationCommandOptionType.String, name: 'team', description: 'The team to pass it to', required: true, max_length: TEAM_MAX, autocomplete: true }],
    ...everywhere,
  },
  {
    name: 'link',
    description: 'Join your Discord and Slack profiles (no code: get one; with a code: use it)',
    type: ApplicationCommandType.ChatInput,
    options: [{ type: ApplicationCommandOptionType.String, name: 'code', description: 'The code you got on your other platform', required: false, max_length: 12 }],
    ...everywhere,
  },
] satisfies RESTPutAPIApplicationCommandsJSONBody;

/** Engine commands by slash command name (/ask is a question, not a command). */
export const ENGINE_COMMANDS: Readonly<Record<string, { name: CommandName; option?: string }>> = {
  status: { name: 'status' },
  claim: { name: 'claim' },
  resolve: { name: 'resolve' },
  handoff: { name: 'handoff', option: 'team' },
  link: { name: 'link', option: 'code' },
};
