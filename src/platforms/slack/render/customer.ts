import type { Reply } from '../../../engine/types.js';
import { OPEN_COMMENT_ACTION_ID } from '../action-codec.js';
import { toMrkdwn } from '../mrkdwn.js';
import { escapeText, link } from '../slack-text.js';
import { actions, capBlocks, context, header, section, sections, type Block, type SlackMessage } from './blocks.js';

type Of<K extends Reply['kind']> = Extract<Reply, { kind: K }>;

/** An article answer: intro, title, body as mrkdwn, its sources, and Solved / Talk to a person. */
export function renderAnswer(reply: Of<'answer'>): SlackMessage {
  const body = toMrkdwn(reply.body);
  const sources = reply.citations.map((c) => (c.url ? link(c.url, c.title) : escapeText(c.title))).join(' · ');
  const blocks: Block[] = [
    section(escapeText(reply.intro)),
    header(reply.title),
    ...sections(body),
    ...(sources ? [context(`${escapeText(reply.sourceLabel)}: ${sources}`)] : []),
    ...(reply.footer ? [context(escapeText(reply.footer))] : []),
    ...actions(reply.buttons),
  ];
  const text = [escapeText(reply.intro), `*${escapeText(reply.title)}*`, body, sources && `${escapeText(reply.sourceLabel)}: ${sources}`, reply.footer && escapeText(reply.footer)];
  return { text: text.filter(Boolean).join('\n\n'), blocks: capBlocks(blocks) };
}

/** "Did you mean": the choices as links, then one button each and None of these. */
export function renderSuggestions(reply: Of<'suggestions'>): SlackMessage {
  const list = reply.choices.map((c, i) => `${i + 1}. ${c.url ? link(c.url, c.title) : `*${escapeText(c.title)}*`}`).join('\n');
  return {
    text: `${escapeText(reply.text)}\n${list}`,
    blocks: [section(escapeText(reply.text)), ...(list ? [section(list)] : []), ...actions(reply.buttons)],
  };
}

/** Tells the customer who takes over, paging the team's user group in the thread. */
export function renderHandoffNotice(reply: Of<'handoff-notice'>, groupId: string | undefined): SlackMessage {
  const mention = groupId ? `<!subteam^${groupId}> ` : '';
  const details = reply.details ? toMrkdwn(reply.details) : '';
  return {
    text: `${mention}${escapeText(reply.text)}${details ? `\n\n${details}` : ''}`,
    blocks: capBlocks([section(`${mention}${escapeText(reply.text)}`), ...(details ? sections(details) : [])]),
  };
}

/** The CES question with its seven buttons and the scale's end labels. */
export function renderSurvey(reply: Of<'survey'>): SlackMessage {
  const first = reply.scale[0];
  const last = reply.scale.at(-1);
  const scale = first && last ? `${first.value} = ${escapeText(first.label)} … ${last.value} = ${escapeText(last.label)}` : '';
  return {
    text: `${escapeText(reply.intro)}\n*${escapeText(reply.question)}*\n${scale}`,
    blocks: [section(escapeText(reply.intro)), section(`*${escapeText(reply.question)}*`), ...actions(reply.buttons), ...(scale ? [context(scale)] : [])],
  };
}

/** Plain text, however long (a relayed message can be): as many sections as it needs, none cut at 3,000. */
export function renderText(text: string): SlackMessage {
  return { text: escapeText(text), blocks: capBlocks(sections(escapeText(text))) };
}

/** When no modal can open: the prompt with a button that opens it on the next click. */
export function renderCommentInvite(reply: Of<'comment-request'>): SlackMessage {
  return {
    text: escapeText(reply.prompt),
    blocks: [
      section(escapeText(reply.prompt)),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: OPEN_COMMENT_ACTION_ID,
            value: JSON.stringify({ c: reply.conversationId, r: reply.value }),
            text: { type: 'plain_text', text: reply.title.slice(0, 75), emoji: true },
          },
        ],
      },
    ],
  };
}
