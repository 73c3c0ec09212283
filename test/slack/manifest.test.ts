// The manifest an admin pastes must ask for what the adapter uses, and send everything to /slack/events.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMAND } from '../../src/platforms/slack/commands.js';

const manifest = parse(readFileSync(join(import.meta.dirname, '../../slack/manifest.yml'), 'utf8'));

describe('slack/manifest.yml', () => {
  it('subscribes to mentions and to messages in every kind of conversation', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'message.channels', 'message.groups', 'message.im', 'message.mpim']);
  });

  it('asks for the scopes behind every Web API method and event the adapter uses', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['app_mentions:read', 'channels:history', 'groups:history', 'im:history', 'mpim:history', 'chat:write', 'commands', 'users:read', 'users:read.email', 'usergroups:read']),
    );
  });

  it('routes events, interactivity and the slash command to Bolt\'s one endpoint', () => {
    const urls = [manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url, manifest.features.slash_commands[0].url];
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(manifest.features.slash_commands[0].command).toBe(COMMAND);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });
});
