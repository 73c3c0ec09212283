import { OAuth2Scopes, REST, Routes } from 'discord.js';
import { z } from 'zod';
import { INVITE_PERMISSIONS } from './setup-check.js';
import { SLASH_COMMANDS } from './slash-commands.js';

const application = z.looseObject({ id: z.string(), name: z.string().optional() });
const registered = z.array(z.looseObject({ id: z.string(), name: z.string() }));

export interface Registration {
  applicationId: string;
  applicationName?: string;
  /** The server they were registered in; undefined: globally. */
  guildId?: string;
  commands: string[];
}

/**
 * Installs threadline's slash commands with one bulk overwrite (PUT): in one server (instant) or globally.
 * Commands no longer in the list disappear; the application id comes from GET /applications/@me.
 */
export async function registerCommands(options: { token: string; apiUrl: string; guildId?: string }): Promise<Registration> {
  const rest = new REST({ api: options.apiUrl }).setToken(options.token);
  try {
    const app = application.parse(await rest.get(Routes.currentApplication()));
    const route = options.guildId ? Routes.applicationGuildCommands(app.id, options.guildId) : Routes.applicationCommands(app.id);
    const saved = registered.parse(await rest.put(route, { body: SLASH_COMMANDS }));
    return { applicationId: app.id, applicationName: app.name, guildId: options.guildId, commands: saved.map((c) => c.name) };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** The link that adds the bot to a server with the permissions it needs and its slash commands. */
export function inviteUrl(applicationId: string): string {
  const query = new URLSearchParams({ client_id: applicationId, scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '), permissions: INVITE_PERMISSIONS.bitfield.toString() });
  return `https://discord.com/oauth2/authorize?${query.toString().replace(/\+/g, '%20')}`;
}
