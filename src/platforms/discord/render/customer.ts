import { ButtonStyle, ComponentType, type APIEmbed } from 'discord.js';
import type { Reply } from '../../../engine/types.js';
import { openCommentId } from '../custom-ids.js';
import { buttonRows, chooseSelect, discordButton, row } from './components.js';
import type { DiscordMessage } from './message.js';
import { LIMITS, discordMarkdown, fit, link, truncate } from './text.js';

type Of<K extends Reply['kind']> = Extract<Reply, { kind: K }>;

const BLURPLE = 0x5865f2;

/** An article answer: intro, then an embed with the title (linked to the source), body and source; Solved / Talk to a person. */
export function renderAnswer(reply: Of<'answer'>): DiscordMessage {
  const body = fit(discordMarkdown(reply.body), LIMITS.embedDescription);
  const sources = reply.citations.map((c) => (c.url ? link(c.title, c.url) : c.title)).join(' · ');
  const embed: APIEmbed = {
    title: truncate(reply.title, LIMITS.embedTitle),
    ...(reply.citations[0]?.url ? { url: reply.citations[0].url } : {}),
    description: body,
    color: BLURPLE,
    ...(sources ? { fields: [{ name: reply.sourceLabel, value: truncate(sources, LIMITS.fieldValue) }] } : {}),
    ...(reply.footer ? { footer: { text: truncate(reply.footer, LIMITS.footer) } } : {}),
  };
  const fallback = [reply.intro, `**${reply.title}**`, reply.body, sources && `${reply.sourceLabel}: ${sources}`, reply.footer].filter(Boolean).join('\n\n');
  return { content: reply.intro, embeds: [embed], components: buttonRows(reply.buttons), pingRoles: [], fallback };
}

/** "Did you mean": the choices as links, a select menu to pick one, and None of these. */
export function renderSuggestions(reply: Of<'suggestions'>): DiscordMessage {
  const list = reply.choices.map((c, i) => `${i + 1}. ${c.url ? link(c.title, c.url) : `**${c.title}**`}`).join('\n');
  const select = chooseSelect(reply.buttons.filter((b) => b.action === 'choose'));
  const others = reply.buttons.filter((b) => b.action !== 'choose');
  return {
    content: reply.text,
    embeds: list ? [{ description: truncate(list, LIMITS.embedDescription), color: BLURPLE }] : [],
    components: [...(select ? [select] : []), ...buttonRows(others)],
    pingRoles: [],
    fallback: `${reply.text}\n${list}`,
  };
}

/** Tells the customer who takes over and pings the team's agent role (a direct message has nobody to ping). */
export function renderHandoffNotice(reply: Of<'handoff-notice'>, roleId: string | undefined): DiscordMessage {
  const mention = roleId ? `<@&${roleId}> ` : '';
  const details = reply.details ? fit(discordMarkdown(reply.details), LIMITS.embedDescription) : '';
  return {
    content: `${mention}${reply.text}`,
    embeds: details ? [{ description: details, color: BLURPLE }] : [],
    components: [],
    pingRoles: roleId ? [roleId] : [],
    fallback: `${mention}${reply.text}${details ? `\n\n${details}` : ''}`,
  };
}

/** The CES question: seven buttons in two rows (Discord allows five per row), the scale's ends named on the end buttons. */
export function renderSurvey(reply: Of<'survey'>): DiscordMessage {
  const first = reply.scale[0];
  const last = reply.scale.at(-1);
  const labelled = reply.buttons.map((b, i) => {
    const end = i === 0 ? first : i === reply.buttons.length - 1 ? last : undefined;
    return discordButton(b, end ? `${b.label} · ${end.label}` : b.label);
  });
  const split = Math.ceil(labelled.length / 2);
  const rows = [labelled.slice(0, split), labelled.slice(split)].filter((r) => r.length > 0).map(row);
  const scale = first && last ? `${first.value} = ${first.label} … ${last.value} = ${last.label}` : '';
  return {
    content: `${reply.intro}\n**${reply.question}**`,
    embeds: [],
    components: rows,
    pingRoles: [],
    fallback: `${reply.intro}\n**${reply.question}**\n${scale}`,
  };
}

/** Plain text in full: the outbox posts what is longer than Discord takes in several messages. */
export function renderText(text: string): DiscordMessage {
  return { content: text, embeds: [], components: [], pingRoles: [], fallback: text };
}

/** When the comment modal could not be the first response: the prompt and a button whose press opens it. */
export function renderCommentInvite(reply: Of<'comment-request'>): DiscordMessage {
  const button = { type: ComponentType.Button as const, style: ButtonStyle.Primary as const, label: truncate(reply.title, LIMITS.buttonLabel), custom_id: openCommentId({ conversationId: reply.conversationId, round: reply.value }) };
  return { content: reply.prompt, embeds: [], components: [row([button])], pingRoles: [], fallback: reply.prompt };
}
