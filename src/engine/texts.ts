import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { isRecord, unknownPlaceholders } from './text-placeholders.js';
import type { HandoffReason, TriedArticle } from './types.js';

const line = z.string({ error: 'must be text' }).min(1, 'must not be empty');
const reasons: Record<HandoffReason, typeof line> = {
  'no-match': line,
  'asked-for-person': line,
  frustrated: line,
  'not-helped': line,
  'none-fit': line,
  'article-requires-person': line,
  transferred: line,
  'bot-error': line,
};

const outcomes: Record<TriedArticle['outcome'], typeof line> = { answered: line, suggested: line, considered: line, 'handed-off': line, rejected: line };

/** The shape of prompts/messages.yml: every customer- and agent-facing sentence. */
export const textsSchema = z.object({
  answer: z.object({ intro: line, footer: line, llm_intro: line, source: line, sources: line }),
  suggest: z.object({ intro: line, intro_one: line, pick: line, pick_one: line }),
  buttons: z.object({ solved: line, talk_to_person: line, none_of_these: line, claim: line, resolve: line }),
  handoff: z.object({
    notice: line,
    article_notice: line,
    notice_direct: line,
    article_notice_direct: line,
    waiting: line,
    claimed: line,
    taken_over: line,
    transferred: line,
    reminder: line,
    still_waiting: line,
    waited_minutes: line,
    waited_hours: line,
    waited_days: line,
    after_hours: line,
    back_today: line,
    back_on: line,
    back_next_week: line,
    weekdays: z.array(line).length(7, 'must list the seven days, Sunday first'),
    status: z.object({ waiting: line, claimed: line, transferred: line, resolved: line }),
    reasons: z.object(reasons),
  }),
  packet: z.object({
    handoff_to: line,
    customer: line,
    customer_on: line,
    asked: line,
    history: line,
    conversations_one: line,
    conversations_many: line,
    last_ces: line,
    confidence: line,
    conversation: line,
    question: line,
    summary: line,
    tried: line,
    nothing_matched: line,
    transcript: line,
    earlier: line,
    team: line,
    comment: line,
    open_thread: line,
    in_channel: line,
    in_direct_message: line,
    in_direct_message_write: line,
    speakers: z.object({ customer: line, bot: line, agent: line }),
    bot_said: z.object({ answered: line, answered_more: line, suggested: line, handed_off: line, survey: line }),
    outcomes: z.object(outcomes),
  }),
  resolved: z.object({ by_customer: line, by_agent: line, by_timeout: line, welcome: line }),
  survey: z.object({
    intro: line,
    question: line,
    scale: z.array(line).length(7, 'must list exactly 7 labels, from 1 (Strongly disagree) to 7 (Strongly agree)'),
    thanks: line,
    thanks_low: line,
    answered: line,
    comment_title: line,
    comment_prompt: line,
    comment_send: line,
    comment_skip: line,
    comment_thanks: line,
    already_answered: line,
    not_yours: line,
    expired: line,
    scale_reminder: line,
    alert: line,
    alert_bot_only: line,
  }),
  refusals: z.object({
    agents_only: line,
    customer_only: line,
    unknown_conversation: line,
    not_open: line,
    nothing_to_claim: line,
    unknown_team: line,
    handoff_usage: line,
    already_with_team: line,
    already_yours: line,
    no_conversation: line,
  }),
  status: line,
  /** How /status names where a conversation stands (its {state}). */
  states: z.object({ new: line, answered: line, suggesting: line, handed_off: line, resolved: line, surveyed: line }),
  greeting: line,
  link: z.object({ code: line, done: line, bad_code: line, own_code: line }),
  errors: z.object({ internal: line, no_thread: line }),
  ask_echo: line,
  thread_name: line,
  relay: z.object({ thread_name: line, intro: line, to_customer: line, to_agents: line, closed: line, moved: line }),
  knowledge: z.object({ problems: line, problems_at_start: line, fixed: line, gone: line }),
});

export type Texts = z.infer<typeof textsSchema>;
/** The context packet's headings and labels, as agents read them. */
export type PacketLabels = Texts['packet'];

/** Fills {placeholders}; unknown ones are left visible so a typo shows up instead of vanishing. */
export function fill(template: string, values: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = values[key];
    return value === undefined ? whole : String(value);
  });
}

/** The messages.yml that ships with threadline: the wording for any text a custom PROMPTS_DIR lacks. */
export const SHIPPED_MESSAGES = fileURLToPath(new URL('../../prompts/messages.yml', import.meta.url));

export interface LoadedTexts {
  texts: Texts;
  /** Keys (e.g. "relay.moved") the file lacks, filled from the shipped wording: texts added since it was copied. */
  defaulted: string[];
}

/**
 * Reads `<promptsDir>/messages.yml`. Keys it lacks (a copy made before a release added texts) take the
 * shipped wording, so an upgrade never stops the bot; the caller warns with `defaulted`. Anything else
 * wrong (bad YAML, an empty text, a list where text belongs, a {placeholder} the shipped text of that key
 * does not use) fails, naming the file and every key.
 */
export function readTexts(promptsDir: string): LoadedTexts {
  const file = join(promptsDir, 'messages.yml');
  const raw = parseYaml(readMessages(file, promptsDir), file, `PROMPTS_DIR points at ${promptsDir}`);
  const isShipped = resolve(file) === SHIPPED_MESSAGES;
  const shipped = isShipped ? raw : parseYaml(readFileSync(SHIPPED_MESSAGES, 'utf8'), SHIPPED_MESSAGES, 'the messages.yml shipped with threadline');
  const defaulted: string[] = [];
  const merged = isShipped ? raw : withDefaults(raw, shipped, [], defaulted);
  const result = textsSchema.safeParse(merged);
  const problems = [
    ...(result.error?.issues.map((i) => `${i.path.join('.')}: ${lookup(merged, i.path) === undefined ? 'is missing' : i.message}`) ?? []),
    ...unknownPlaceholders(raw, shipped),
  ];
  if (!result.success || problems.length) {
    throw new Error(`${file} has problems:\n${problems.map((p) => `  - ${p}`).join('\n')}\nCompare with the messages.yml that ships in prompts/.`);
  }
  return { texts: result.data, defaulted };
}

export function loadTexts(promptsDir: string): Texts {
  return readTexts(promptsDir).texts;
}

/** The text of PROMPTS_DIR's messages.yml, or an error that says what is missing and where to point PROMPTS_DIR instead. */
function readMessages(file: string, promptsDir: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const fix = `point PROMPTS_DIR at a folder with messages.yml (such as ${dirname(SHIPPED_MESSAGES)}), or unset it to use the shipped wording`;
    if (!existsSync(promptsDir)) throw new Error(`PROMPTS_DIR is "${promptsDir}", and there is no such folder (${resolve(promptsDir)}) — ${fix}`);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${file} does not exist — copy ${SHIPPED_MESSAGES} into PROMPTS_DIR ("${promptsDir}"), or ${fix}`);
    }
    throw new Error(`${file} cannot be read (${error instanceof Error ? error.message : String(error)}) — ${fix}`);
  }
}

function parseYaml(text: string, file: string, hint: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} — fix the YAML (${hint})`);
  }
}

/** `custom` with every key it lacks (at any depth) taken from `shipped`; the paths taken are pushed to `taken`. */
function withDefaults(custom: unknown, shipped: unknown, path: string[], taken: string[]): unknown {
  if (!isRecord(custom) || !isRecord(shipped)) return custom;
  const out: Record<string, unknown> = { ...custom };
  for (const [key, value] of Object.entries(shipped)) {
    if (out[key] === undefined) {
      out[key] = value;
      taken.push([...path, key].join('.'));
    } else out[key] = withDefaults(out[key], value, [...path, key], taken);
  }
  return out;
}


function lookup(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined), value);
}

/**
 * Every text with {company} filled in. Most sentences get it when spoken, but agent-facing labels and
 * notices are filled with their own values only; doing it once at start makes {company} work in any text.
 */
export function withCompanyName(texts: Texts, company: string): Texts {
  const fillIn = (value: unknown): unknown =>
    typeof value === 'string' ? value.replaceAll('{company}', () => company) // a function: "$&" in a name stays as written
    : Array.isArray(value) ? value.map(fillIn)
    : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillIn(v)]))
    : value;
  return fillIn(texts) as Texts;
}
