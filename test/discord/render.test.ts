// Rendering against Discord's limits: long articles, long transcripts and long titles still make a message
// Discord accepts (checked with the fake's validator, plus the 6,000-character total for embeds).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTexts } from '../../src/engine/texts.js';
import type { Button, ContextPacket, Reply } from '../../src/engine/types.js';
import { customIdFor, decodeCustomId, readCommentModalId, commentModalId } from '../../src/platforms/discord/custom-ids.js';
import { renderReply } from '../../src/platforms/discord/render/index.js';
import { restBody, type DiscordMessage } from '../../src/platforms/discord/render/message.js';
import { discordMarkdown } from '../../src/platforms/discord/render/text.js';
import { validateMessageBody } from '../fakes/discord/validate-message.js';

const CID = 'cAbCdEfGhIjKlMnO';
const render = (reply: Reply, direct = false) => renderReply(reply, { roleFor: (team) => (team === 'billing' ? '777' : undefined), direct });

function expectAccepted(message: DiscordMessage): void {
  const body = restBody(message) as Record<string, unknown>;
  expect(validateMessageBody(body, { isCreate: true, fileCount: 0 })).toBeUndefined();
  const embedChars = message.embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0), 0);
  expect(embedChars).toBeLessThanOrEqual(6000);
  expect(message.fallback.length).toBeGreaterThan(0);
}

const buttons = (actions: Array<Button['action']>): Button[] => actions.map((action) => ({ label: action, action, conversationId: CID }));

function packet(overrides: Partial<ContextPacket> = {}): ContextPacket {
  return {
    conversationId: CID,
    team: 'billing',
    reason: 'no-match',
    reasonText: 'No article matched the question well enough.',
    customer: { name: 'Casey *Customer*', platform: 'discord', identities: ['discord:users:123'], conversations: 3, recent: [], lastCes: { score: 2, at: '2026-01-01T00:00:00Z' } },
    question: 'Why was I charged twice?',
    transcript: [],
    tried: [{ id: 'refund', title: 'Refunds', url: 'https://help.example/refunds', score: 0.31, outcome: 'suggested' }],
    confidence: 0.31,
    thread: { platform: 'discord', workspaceId: '1', channelId: '2', threadId: '3', link: 'https://discord.com/channels/1/3' },
    status: 'waiting',
    statusText: 'Waiting for an agent',
    labels: loadTexts(join(import.meta.dirname, '../../prompts')).packet,
    ...overrides,
  };
}

describe('Discord rendering', () => {
  it('a very long article is cut to the embed limit at a line break, with the source kept', () => {
    const body = Array.from({ length: 400 }, (_, i) => `- step ${i}: do the thing carefully`).join('\n');
    const message = render({ kind: 'answer', intro: 'Here:', title: 'T'.repeat(300), body, citations: [{ id: 'a', title: 'Guide', url: 'https://help.example/a' }], sourceLabel: 'Source', buttons: buttons(['solved', 'talk-to-person']) });
    expectAccepted(message);
    const embed = message.embeds[0];
    expect(embed?.description?.length).toBeLessThanOrEqual(4096);
    expect(embed?.description?.endsWith('carefully\n…')).toBe(true);
    expect(embed?.title?.length).toBe(256);
    expect(embed?.fields).toEqual([{ name: 'Source', value: '[Guide](https://help.example/a)' }]);
  });

  it('a packet with a long transcript and summary stays within 6,000 characters; names are shown literally', () => {
    const transcript = Array.from({ length: 60 }, (_, i) => ({ at: '2026-01-01T00:00:00Z', from: 'customer' as const, text: `message ${i} `.repeat(40) }));
    const message = render({ kind: 'context-packet', packet: packet({ transcript, summary: 'S'.repeat(3000), question: 'Q'.repeat(5000) }), buttons: buttons(['claim', 'resolve']) });
    expectAccepted(message);
    expect(message.content).toContain('Casey \\*Customer\\*');
    expect(message.embeds[0]?.description).toContain('message 59'); // the newest lines are kept
  });

  it("what customers typed cannot become links, headings or lists in what agents read (packet, reminder)", () => {
    const question = '# URGENT\n- [Verify your account](https://evil.example/login) now\n1. really';
    const message = render({ kind: 'context-packet', packet: packet({ question }), buttons: [] });
    const shown = `${message.content}\n${message.embeds[0]?.description}`;
    expect(shown).not.toMatch(/(^|[^\\])\[Verify your account\]\(/m); // every "[" escaped: no masked link
    expect(shown).toContain('\\[Verify your account](https://evil.example/login)');
    expect(message.embeds[0]?.description).toContain('> \\# URGENT');
    const reminder = render({ kind: 'reminder', text: `Casey has waited 31 min: “[Verify](https://evil.example)”.`, team: 'billing' });
    expect(reminder.content).toBe('<@&777> Casey has waited 31 min: “\\[Verify](https://evil.example)”.');
  });

  it('a DM packet names the customer to write to; a handoff notice in a DM pings nobody', () => {
    const dm = packet({ thread: { platform: 'discord', workspaceId: 'dm', channelId: '9', threadId: '9', isDirect: true } });
    expect(JSON.stringify(render({ kind: 'context-packet', packet: dm, buttons: [] }).embeds)).toContain("reply in this message's thread and I'll pass it on to <@123>");
    const notice = { kind: 'handoff-notice' as const, text: 'Over to billing.', team: 'billing' };
    expect(render(notice)).toMatchObject({ content: '<@&777> Over to billing.', pingRoles: ['777'] });
    expect(render(notice, true)).toMatchObject({ content: 'Over to billing.', pingRoles: [] });
    expect(render({ kind: 'reminder', text: 'Casey has waited 31 min.', team: 'billing' })).toMatchObject({ content: '<@&777> Casey has waited 31 min.', pingRoles: ['777'] });
  });

  it('"Did you mean": a select of the choices (ids too long for Discord left out) and None of these', () => {
    const choices: Button[] = [
      { label: 'Change your plan', action: 'choose', conversationId: CID, value: 'change-plan' },
      { label: 'Far too long', action: 'choose', conversationId: CID, value: 'x'.repeat(101) },
      { label: 'None of these', action: 'none-of-these', conversationId: CID },
    ];
    const message = render({ kind: 'suggestions', text: 'Did you mean?', choices: [{ id: 'change-plan', title: 'Change your plan', score: 0.4 }], buttons: choices });
    expectAccepted(message);
    expect(message.components.map((r) => r.components.map((c) => c.type))).toEqual([[3], [2]]);
    expect(message.components[0]?.components[0]).toMatchObject({ custom_id: `tl:choose:${CID}`, options: [{ label: 'Change your plan', value: 'change-plan' }] });
  });

  it('custom ids: round trip, at most 100 characters, and anything else is not ours', () => {
    expect(decodeCustomId(customIdFor('rate', CID, '2:7'))).toEqual({ action: 'rate', conversationId: CID, value: '2:7' });
    expect(decodeCustomId(customIdFor('claim', CID))).toEqual({ action: 'claim', conversationId: CID });
    expect(() => customIdFor('choose', CID, 'x'.repeat(90))).toThrow(/Discord allows 100/);
    for (const forged of ['tl:delete:' + CID, 'tl:rate:short', 'xx:rate:' + CID, 'tl:rate:' + CID + ':']) expect(decodeCustomId(forged)).toBeUndefined();
    expect(readCommentModalId(commentModalId({ conversationId: CID, round: '3' }))).toEqual({ conversationId: CID, round: '3' });
    expect(readCommentModalId(`tl-comment:${CID}:x`)).toBeUndefined();
  });

  it('knowledge-base markdown: headings become bold lines, images become links', () => {
    expect(discordMarkdown('## Steps ##\nText ![diagram](https://x.example/d.png "Diagram")')).toBe('**Steps**\nText [diagram](https://x.example/d.png)');
  });

  it('nobody is pinged by text from the knowledge base or the customer', () => {
    const message = render({ kind: 'text', text: '@everyone look <@&1> <@2>' });
    expect(restBody(message).allowed_mentions).toEqual({ parse: [], roles: [] });
  });
});
