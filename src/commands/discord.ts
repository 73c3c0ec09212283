import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { inviteUrl, registerCommands } from '../platforms/discord/register.js';

export const USAGE = `usage: threadline discord register [--guild <server id> | --global]

Registers the slash commands (/ask, /status, /claim, /resolve, /handoff, /link) with one bulk overwrite:
in DISCORD_GUILD_ID (or --guild) they work at once; globally (--global, or no DISCORD_GUILD_ID) in every server.
Needs DISCORD_TOKEN. Prints the invite link with the permissions the bot needs.`;

/** `threadline discord register`: installs the slash commands. */
export async function run(args: string[]): Promise<number> {
  const [sub, ...flags] = args;
  if (sub === 'help') {
    console.log(USAGE); // (--help and -h: the dispatcher)
    return 0;
  }
  if (sub !== 'register') {
    console.error(sub ? `threadline discord: unknown subcommand "${sub}"\n\n${USAGE}` : USAGE);
    return 2;
  }
  const scope = parseScope(flags);
  if (typeof scope === 'string') {
    console.error(`threadline discord register: ${scope}\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  if (!config.DISCORD_TOKEN) {
    console.error('threadline discord register: DISCORD_TOKEN is not set (Developer Portal → your application → Bot → Reset Token).');
    return 1;
  }
  const guildId = scope.global ? undefined : (scope.guildId ?? config.DISCORD_GUILD_ID);
  const apiUrl = config.DISCORD_API_URL ?? 'https://discord.com/api';
  let result;
  try {
    result = await registerCommands({ token: config.DISCORD_TOKEN, apiUrl, guildId });
  } catch (error) {
    // as `start` says it: what failed and what to check, not a bare network error
    console.error(`threadline discord register: could not register the commands with Discord at ${apiUrl}: ${error instanceof Error ? error.message : String(error)}. Check DISCORD_TOKEN, DISCORD_API_URL and the network${guildId ? `, and that the bot is in server ${guildId}` : ''}.`);
    return 1;
  }
  const where = result.guildId ? `in server ${result.guildId} (available now)` : 'globally (every server the bot is in; Discord clients may take a few minutes to show them)';
  console.log(`Registered ${result.commands.map((c) => `/${c}`).join(', ')} for ${result.applicationName ?? 'the application'} (${result.applicationId}) ${where}.`);
  console.log(`Invite link (bot + slash commands, with the permissions it needs):\n  ${inviteUrl(result.applicationId)}`);
  return 0;
}

/** `--guild <id>`, `--guild=<id>` or `--global`; a string is what is wrong. */
function parseScope(flags: string[]): { guildId?: string; global: boolean } | string {
  let values;
  try {
    ({ values } = parseArgs({ args: flags, options: { guild: { type: 'string' }, global: { type: 'boolean' } } }));
  } catch (error) {
    return (error as Error).message;
  }
  if (values.guild !== undefined && values.global) return 'give --guild <server id> or --global, not both';
  if (values.guild !== undefined && !/^\d{17,20}$/.test(values.guild)) {
    return `--guild "${values.guild}" is not a Discord server id (17–20 digits; in Discord turn on Developer Mode, then right-click the server → Copy Server ID)`;
  }
  return { guildId: values.guild, global: values.global ?? false };
}
