// Rendering without Slack: markdown to mrkdwn, Slack's size limits, button encoding, the comment modal.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTexts } from '../../src/engine/texts.js';
import type { ContextPacket } from '../../src/engine/types.js';
import { actionIdFor, decodeAction, valueFor } from '../../src/platforms/slack/action-codec.js';
import { commentModal, readCommentSubmission } from '../../src/platforms/slack/comment-modal.js';
import { splitMrkdwn, toMrkdwn } from '../../src/platforms/slack/mrkdwn.js';
import { renderReply } from '../../src/platforms/slack/render/index.js';
import { plainTextOf } from '../../src/platforms/slack/slack-text.js';
import { buttonsOf, textOf } from './harness.js';

describe('markdown → mrkdwn', () => {
  it('converts bold, italics, links, headings, bullets and strikethrough; escapes &, < and >', () => {
    const md = ['## Export **shifts**', 'Go to **Settings → Export** and *pick* a [CSV file](https://help.example/csv).', '- one & two', '  * nested <b>', '1. first', '~~old~~ `a <b> c`'].join('\n');
    expect(toMrkdwn(md)).toBe(['*Export shifts*', 'Go to *Settings → Export* and _pick_ a <https://help.example/csv|CSV file>.', '• one &amp; two', '  • nested &lt;b&gt;', '1. first', '~old~ `a &lt;b&gt; c`'].join('\n'));
  });

  it('keeps fenced code as written (escaped) and quotes as quotes', () => {
    expect(toMrkdwn('```\n**not bold** <x>\n```\n> a **quote**')).toBe('```\n**not bold** &lt;x&gt;\n```\n> a *quote*');
  });

  it('splits long text at paragraphs, then lines, never over the limit', () => {
    const text = ['a'.repeat(40), 'b'.repeat(40), `${'c'.repeat(30)}\n${'d'.repeat(30)}`, 'e'.repeat(130)].join('\n\n');
    const pieces = splitMrkdwn(text, 50);
    expect(pieces.every((p) => p.length <= 50)).toBe(true);
    expect(pieces.slice(0, 4)).toEqual(['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(30), 'd'.repeat(30)]);
    expect(pieces.join('')).toContain('e'.repeat(50));
  });
});

describe('Slack text in', () => {
  it('strips only the bot mention, keeps names of others, unescapes', () => {
    expect(plainTextOf('<@UBOT>  can <@U2|sam> see <#C1|general> &amp; <mailto:a@b.c|a@b.c>?', 'UBOT')).toBe('can sam see general & a@b.c?');
  });

  it('keeps where a labelled link points, and shows bare mentions as @id / #id', () => {
    expect(plainTextOf('see <https://help.example/refunds|this page> or <https://help.example|help.example>', undefined)).toBe('see this page (https://help.example/refunds) or help.example');
    expect(plainTextOf('ask <@U0OTHER001> in <#C0RANDOM01|> or <#C0GENERAL1>, <!here>', undefined)).toBe('ask @U0OTHER001 in #C0RANDOM01 or #C0GENERAL1, @here');
    expect(plainTextOf('<!subteam^S0SUPPORT1|@support> please', undefined)).toBe('@support please');
  });
});

describe('buttons', () => {
  it('carry the engine action and conversation in action_id/value, and nothing else decodes', () => {
    const button = { label: '6', action: 'rate' as const, conversationId: 'cAAAAAAAAAAAAAAA', value: '1:6' };
    expect(actionIdFor(button, 5)).toBe('threadline:rate:5');
    expect(decodeAction(actionIdFor(button, 5), valueFor(button))).toEqual({ action: 'rate', conversationId: 'cAAAAAAAAAAAAAAA', value: '1:6' });
    expect(decodeAction('threadline:explode:0', valueFor(button))).toBeUndefined();
    expect(decodeAction('threadline:rate:0', 'not json')).toBeUndefined();
    expect(decodeAction('threadline:rate:0', JSON.stringify({ v: '1:6' }))).toBeUndefined();
  });
});

const packet: ContextPacket = {
  conversationId: 'cAAAAAAAAAAAAAAA',
  team: 'billing',
  reason: 'no-match',
  reasonText: 'No article matched the question well enough.',
  customer: { name: 'Dana <Admin>', platform: 'slack', identities: ['slack:T1:U1'], conversations: 3, recent: [], lastCes: { score: 5, at: '2026-01-01T00:00:00Z' } },
  question: 'Why was I charged twice?',
  transcript: Array.from({ length: 60 }, (_, i) => ({ at: '2026-01-01T00:00:00Z', from: i % 2 ? ('bot' as const) : ('customer' as const), text: `line ${i} ${'x'.repeat(100)}` })),
  tried: [{ id: 'invoices', title: 'Invoices', url: 'https://help.example/invoices', score: 0.31, outcome: 'rejected' }],
  confidence: 0.31,
  thread: { platform: 'slack', workspaceId: 'T1', channelId: 'C1', threadId: '1.2' },
  status: 'waiting',
  statusText: 'Waiting for an agent',
  labels: loadTexts(join(import.meta.dirname, '../../prompts')).packet,
};

describe('rendering replies', () => {
  it('a context packet fits Slack: transcript trimmed to its newest lines, names escaped, Claim/Resolve', () => {
    const message = renderReply({ kind: 'context-packet', packet, buttons: [{ label: 'Claim', action: 'claim', conversationId: packet.conversationId, style: 'primary' }, { label: 'Resolve', action: 'resolve', conversationId: packet.conversationId }] }, () => undefined);
    const text = textOf(message);
    expect(text).toContain('Dana &lt;Admin&gt; on slack');
    expect(text).toContain('3 conversations · last CES 5/7');
    expect(text).toContain('• <https://help.example/invoices|Invoices> (0.31, rejected)');
    expect(text).toContain('line 59');
    expect(text).not.toContain('line 0 ');
    expect(text).toContain('in <#C1>'); // no permalink: a channel link
    for (const block of message.blocks) expect(JSON.stringify(block).length).toBeLessThan(3300);
    expect(buttonsOf(message).map((b) => [b.label, b.style])).toEqual([['Claim', 'primary'], ['Resolve', undefined]]);
  });

  it('a very long answer stays within 50 blocks, with its buttons kept', () => {
    const body = Array.from({ length: 80 }, (_, i) => `Paragraph ${i} ${'y'.repeat(2900)}`).join('\n\n');
    const message = renderReply({ kind: 'answer', intro: 'Here:', title: 'Long', body, citations: [{ id: 'a', title: 'A' }], sourceLabel: 'Source', buttons: [{ label: 'Solved', action: 'solved', conversationId: 'c1' }] }, () => undefined);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.blocks.at(-1)?.type).toBe('actions');
  });

  it('suggestions list the choices as links and offer one button each plus None of these', () => {
    const message = renderReply(
      {
        kind: 'suggestions',
        text: 'Did you mean one of these?',
        choices: [{ id: 'a', title: 'Export shifts', url: 'https://help.example/a', score: 0.4 }, { id: 'b', title: 'Import <CSV>', score: 0.3 }],
        buttons: [
          { label: 'Export shifts', action: 'choose', conversationId: 'c1', value: 'a' },
          { label: 'Import <CSV>', action: 'choose', conversationId: 'c1', value: 'b' },
          { label: 'None of these', action: 'none-of-these', conversationId: 'c1' },
        ],
      },
      () => undefined,
    );
    expect(textOf(message)).toContain('1. <https://help.example/a|Export shifts>\n2. *Import &lt;CSV&gt;*');
    expect(buttonsOf(message).map((b) => [b.action_id, b.label])).toEqual([['threadline:choose:0', 'Export shifts'], ['threadline:choose:1', 'Import <CSV>'], ['threadline:none-of-these:2', 'None of these']]);
    expect(decodeAction('threadline:choose:1', buttonsOf(message)[1]?.value)).toEqual({ action: 'choose', conversationId: 'c1', value: 'b' });
  });

  it('the survey shows seven buttons and the scale ends; a handoff notice pages the team group', () => {
    const scale = ['Strongly disagree', 'Disagree', 'Somewhat disagree', 'Neutral', 'Somewhat agree', 'Agree', 'Strongly agree'].map((label, i) => ({ value: i + 1, label }));
    const survey = renderReply({ kind: 'survey', intro: 'One question:', question: 'It was easy.', scale, conversationId: 'c1', buttons: scale.map((p) => ({ label: String(p.value), action: 'rate', conversationId: 'c1', value: `1:${p.value}` })) }, () => undefined);
    expect(buttonsOf(survey).map((b) => b.action_id)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `threadline:rate:${i}`));
    expect(textOf(survey)).toContain('1 = Strongly disagree … 7 = Strongly agree');
    const notice = renderReply({ kind: 'handoff-notice', text: 'A person will reply.', team: 'billing' }, (team) => (team === 'billing' ? 'S1' : undefined));
    expect(notice.text).toBe('<!subteam^S1> A person will reply.');
    const reminder = renderReply({ kind: 'reminder', text: 'Casey has waited 31 min.', team: 'billing' }, (team) => (team === 'billing' ? 'S1' : undefined));
    expect(reminder.text).toBe('<!subteam^S1> Casey has waited 31 min.');
  });
});

describe('the comment modal', () => {
  it('round-trips conversation and round through private_metadata, and reads the typed text', () => {
    const view = commentModal({ title: 'Tell us more about what happened', prompt: 'What made this hard?', send: 'Send', skip: 'Skip', conversationId: 'c1', round: '2' });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const submitted = { ...view, id: 'V1', state: { values: { comment: { text: { type: 'plain_text_input', value: 'slow' } } } } };
    expect(readCommentSubmission(submitted)).toEqual({ c: 'c1', r: '2', text: 'slow' });
    expect(readCommentSubmission({ ...submitted, state: { values: { comment: { text: { type: 'plain_text_input', value: null } } } } })).toEqual({ c: 'c1', r: '2', text: '' });
    expect(readCommentSubmission({ ...submitted, private_metadata: 'junk' })).toBeUndefined();
  });
});
