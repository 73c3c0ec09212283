// The Discord set-up docs say what the code does: the invite link's permissions, every slash command, every
// DISCORD_ setting. (docs/discord.md until it is merged into the README.)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../src/config.js';
import { inviteUrl } from '../../src/platforms/discord/register.js';
import { SLASH_COMMANDS } from '../../src/platforms/discord/slash-commands.js';

const ROOT = join(import.meta.dirname, '..', '..');
const section = existsSync(join(ROOT, 'docs/discord.md')) ? readFileSync(join(ROOT, 'docs/discord.md'), 'utf8') : readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('Discord docs', () => {
  it('the invite link in the docs asks for exactly the permissions and scopes the code asks for', () => {
    const fromCode = new URL(inviteUrl('APP_ID'));
    const documented = /https:\/\/discord\.com\/oauth2\/authorize\?\S+/.exec(section)?.[0];
    expect(documented).toBeDefined();
    const fromDocs = new URL(String(documented));
    expect(fromDocs.searchParams.get('permissions')).toBe(fromCode.searchParams.get('permissions'));
    expect(fromDocs.searchParams.get('scope')).toBe(fromCode.searchParams.get('scope'));
  });

  it('documents every slash command and every DISCORD_ setting', () => {
    for (const command of SLASH_COMMANDS) expect(section).toContain(`\`/${command.name}`);
    for (const setting of Object.keys(envSchema.shape).filter((k) => k.startsWith('DISCORD_'))) expect(section).toContain(`\`${setting}\``);
  });
});
