// The README's Discord set-up says what the code does: the invite link's permissions, every slash command, every
// DISCORD_ setting.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../src/config.js';
import { inviteUrl } from '../../src/platforms/discord/register.js';
import { SLASH_COMMANDS } from '../../src/platforms/discord/slash-commands.js';

const ROOT = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('\n## Discord'), readme.indexOf('\n## LLM mode'));

describe('Discord docs', () => {
  it('the README has a Discord section before the LLM mode one', () => {
    expect(section.startsWith('\n## Discord\n')).toBe(true);
  });

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
