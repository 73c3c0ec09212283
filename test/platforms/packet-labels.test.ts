// The context packet's headings come from prompts/messages.yml on every platform, so a team that
// translates the file gets agent-facing packets in its own language, not half in English.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTexts, type PacketLabels } from '../../src/engine/texts.js';
import type { ContextPacket } from '../../src/engine/types.js';
import { renderPacket } from '../../src/platforms/console/render.js';
import { renderReply as renderDiscord } from '../../src/platforms/discord/render/index.js';
import { renderReply as renderSlack } from '../../src/platforms/slack/render/index.js';

const english = loadTexts(join(import.meta.dirname, '../../prompts')).packet;
const german: PacketLabels = {
  handoff_to: 'Übergabe an {team}',
  customer: 'Kunde',
  customer_on: '{customer} auf {platform}',
  asked: '{customer} fragte „{question}“',
  history: 'Verlauf',
  conversations_one: '1 Gespräch',
  conversations_many: '{count} Gespräche',
  last_ces: 'letzter CES {score}/7',
  confidence: 'Sicherheit des Bots',
  conversation: 'Gespräch',
  question: 'Frage',
  summary: 'Zusammenfassung',
  tried: 'Versucht',
  nothing_matched: 'Nichts passte.',
  transcript: 'Verlauf des Gesprächs',
  earlier: 'Früher',
  team: 'Team',
  comment: 'Kommentar',
  open_thread: 'Zum Thread',
  in_channel: 'in {channel}',
  in_direct_message: 'in einer Direktnachricht',
  in_direct_message_write: 'in einer Direktnachricht an den Bot; schreib {customer} selbst',
  speakers: { customer: 'Kunde', bot: 'Bot', agent: 'Mitarbeiter' },
  bot_said: { answered: 'Antwort: „{title}“', answered_more: 'Antwort: „{title}“ (+{more})', suggested: 'Vorschläge: {titles}', handed_off: 'Übergeben an {team}', survey: 'CES-Frage gestellt' },
  outcomes: { answered: 'beantwortet', suggested: 'vorgeschlagen', considered: 'am nächsten, nicht gezeigt', 'handed-off': 'übergeben', rejected: 'abgelehnt' },
};

const packet = (labels: PacketLabels, overrides: Partial<ContextPacket> = {}): ContextPacket => ({
  conversationId: 'cAAAAAAAAAAAAAAA',
  team: 'billing',
  reason: 'no-match',
  reasonText: 'Kein Artikel passte.',
  customer: { name: 'Dana', platform: 'slack', identities: ['slack:T1:U1'], conversations: 1, recent: [{ question: 'Rechnung?', state: 'resolved', at: '2026-01-01T00:00:00Z' }] },
  question: 'Warum wurde ich doppelt belastet?',
  transcript: [
    { at: '2026-01-01T00:00:00Z', from: 'customer', name: 'Dana', text: 'Warum wurde ich doppelt belastet?' },
    { at: '2026-01-01T00:00:01Z', from: 'agent', name: 'Alex', text: 'Ich schaue nach.' },
  ],
  tried: [{ id: 'invoices', title: 'Rechnungen', score: 0.31, outcome: 'rejected' }],
  confidence: 0.31,
  summary: 'Doppelte Abbuchung.',
  thread: { platform: 'slack', workspaceId: 'T1', channelId: 'C1', threadId: '1.2' },
  status: 'waiting',
  statusText: 'Wartet',
  labels,
  ...overrides,
});

const ENGLISH_HEADINGS = /asked|Open the thread|direct message|Comment|team\b|Handoff to|Customer|customer|agent\b|History|Bot confidence|Bot tried|Transcript|Earlier|Summary|Question\b|conversation|rejected|Nothing matched/;

describe('context packet headings', () => {
  it('are the ones prompts/messages.yml ships, in English', () => {
    const lines = renderPacket(packet(english, { customer: { ...packet(english).customer, conversations: 3, lastCes: { score: 5, at: '2026-01-01T00:00:00Z' } } }), []).join('\n');
    expect(lines).toContain('Handoff to billing (Wartet): Kein Artikel passte.');
    expect(lines).toContain('Customer: Dana on slack; 3 conversations · last CES 5/7');
    expect(lines).toContain('Bot tried (Bot confidence 0.31): Rechnungen (0.31, rejected)');
  });

  it('follow a translated messages.yml on Slack, Discord and the console', () => {
    const slack = renderSlack({ kind: 'context-packet', packet: packet(german), buttons: [] }, () => undefined);
    const discord = renderDiscord({ kind: 'context-packet', packet: packet(german, { thread: { platform: 'discord', workspaceId: '1', channelId: '2', threadId: '3' } }), buttons: [] }, { roleFor: () => undefined, direct: false });
    const rendered = {
      slack: JSON.stringify([slack.text, slack.blocks]),
      discord: JSON.stringify([discord.content, discord.embeds, discord.fallback]),
      console: renderPacket(packet(german), []).join('\n'),
    };
    for (const [platform, text] of Object.entries(rendered)) {
      expect(text, platform).toContain('Übergabe an');
      expect(text, platform).toContain('1 Gespräch');
      expect(text, platform).toContain('(0.31, abgelehnt)');
      expect(text, platform).toContain('Früher');
      expect(text, platform).toContain('Mitarbeiter (Alex)');
      if (platform !== 'console') expect(text, platform).toContain('fragte „Warum wurde ich doppelt belastet?“');
      expect(text, platform).not.toMatch(ENGLISH_HEADINGS);
    }
    expect(discord.embeds[0]?.fields?.map((f) => f.name)).toEqual(['Kunde', 'Verlauf', 'Sicherheit des Bots', 'Versucht', 'Früher', 'Gespräch']);
  });

  it('word the low-score alert and where the conversation is, in a channel thread or a direct message', () => {
    const slackAlert = renderSlack({ kind: 'alert', text: 'Niedrige Bewertung: 2/7', score: 2, comment: 'Zu langsam', packet: packet(german, { thread: { platform: 'slack', workspaceId: 'T1', channelId: 'C1', threadId: '1.2', link: 'https://slack.example/p1' } }) }, () => undefined);
    const discordDm = packet(german, { customer: { ...packet(german).customer, platform: 'discord', identities: ['discord:users:123'] }, thread: { platform: 'discord', workspaceId: 'dm', channelId: '9', threadId: '9', isDirect: true } });
    const discordAlert = renderDiscord({ kind: 'alert', text: 'Niedrige Bewertung: 2/7', score: 2, comment: 'Zu langsam', packet: discordDm }, { roleFor: () => undefined, direct: false });
    const discordPacket = renderDiscord({ kind: 'context-packet', packet: discordDm, buttons: [] }, { roleFor: () => undefined, direct: false });
    const slackText = JSON.stringify([slackAlert.text, slackAlert.blocks]);
    expect(slackText).toContain('<https://slack.example/p1|Zum Thread>');
    expect(slackText).toContain('*Kommentar*');
    expect(JSON.stringify(discordAlert)).toContain('Team billing · Gespräch');
    expect(JSON.stringify(discordPacket.embeds)).toContain('schreib <@123> selbst');
    for (const text of [slackText, JSON.stringify(discordAlert), JSON.stringify(discordPacket)]) expect(text).not.toMatch(ENGLISH_HEADINGS);
    expect(JSON.stringify(renderSlack({ kind: 'context-packet', packet: packet(german), buttons: [] }, () => undefined).blocks)).toContain('in <#C1>');
  });

  it('with nothing tried, say so in the file\'s words', () => {
    const none = packet(german, { tried: [] });
    expect(renderPacket(none, []).join('\n')).toContain('Versucht (Sicherheit des Bots 0.31): Nichts passte.');
    expect(JSON.stringify(renderSlack({ kind: 'context-packet', packet: none, buttons: [] }, () => undefined).blocks)).toContain('Nichts passte.');
  });
});
