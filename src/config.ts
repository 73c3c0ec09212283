import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseDotEnv } from 'dotenv';
import { z } from 'zod';
import { isTimeZone, parseOpeningHours, type OpeningRule } from './engine/opening-hours.js';

/**
 * Every setting threadline reads, from environment variables (and `.env`). `.env.example` documents each one.
 * Invalid or missing values fail at start with one message that lists every problem and how to fix it.
 */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());
const text = (fallback: string) => z.preprocess(blankToUndefined, z.string().trim().default(fallback));
const integer = (fallback: number, min: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`).default(fallback));
const fraction = z.preprocess(blankToUndefined, z.coerce.number({ error: 'must be a number between 0 and 1' }).min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').optional());
const flag = (fallback: boolean) =>
  z.preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' }).optional())
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(v)));
const list = z.preprocess(blankToUndefined, z.string().optional()).transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const url = (fallback?: string) => {
  const u = z.url({ error: 'must be a full URL such as https://example.com' });
  return z.preprocess(blankToUndefined, fallback ? u.default(fallback) : u.optional());
};
const prefixed = (prefix: string, what: string) =>
  z.preprocess(blankToUndefined, z.string().trim().startsWith(prefix, `must start with "${prefix}" (${what})`).optional());

/** "billing:C123, accounts:C456, *:C789" → { billing: 'C123', accounts: 'C456', '*': 'C789' }; a bare id means "*". */
const teamMap = z.preprocess(blankToUndefined, z.string().optional()).transform((v, ctx) => {
  const map: Record<string, string> = {};
  for (const entry of (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [team, id, extra] = entry.includes(':') ? entry.split(':').map((s) => s.trim()) : ['*', entry];
    if (!team || !id || extra !== undefined) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not team:id (e.g. billing:C0123456, or *:C0123456 for every team)` });
      continue;
    }
    map[team] = id;
  }
  return map;
});

/** "mon-fri 09:00-17:00; sat 10:00-14:00" → rules; unset means the team is always there. */
const openingHours = z.preprocess(blankToUndefined, z.string().optional()).transform((v, ctx): OpeningRule[] | undefined => {
  if (v === undefined) return undefined;
  try {
    return parseOpeningHours(v);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    return z.NEVER;
  }
});

export const envSchema = z.object({
  COMPANY_NAME: text('Brightloom'),
  KNOWLEDGE_DIR: text('./knowledge'),
  // default: the prompts/ shipped with threadline, wherever it is started from
  PROMPTS_DIR: text(fileURLToPath(new URL('../prompts', import.meta.url))),
  STORE_URL: z.preprocess(blankToUndefined, z.string().trim().default('sqlite://./data/threadline.sqlite'))
    .refine((v) => /^(sqlite|redis|rediss|postgres|postgresql|memory):/.test(v), 'must start with sqlite://, redis://, postgres:// or be memory://'),
  // unset: info for the bot, warn in the console chat (whose stdout is the conversation)
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be debug, info, warn or error' }).optional()),
  /** The customer's name in the console chat (default: the login name). */
  THREADLINE_CONSOLE_NAME: optionalText,
  DEFAULT_TEAM: text('support').pipe(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a lower-case team name such as support')),

  MATCHER: z.preprocess(blankToUndefined, z.enum(['hybrid', 'lexical'], { error: 'must be hybrid or lexical' }).default('hybrid')),
  MATCH_ANSWER_THRESHOLD: fraction,
  MATCH_SUGGEST_THRESHOLD: fraction,
  MATCH_MARGIN: fraction,

  HANDOFF_AFTER_FAILURES: integer(2, 1, 10),
  AUTO_RESOLVE_AFTER_MINUTES: integer(1440, 0, 60 * 24 * 90),
  AUTO_RESOLVE_SURVEY: flag(false),
  HANDOFF_REMIND_AFTER_MINUTES: integer(30, 0, 60 * 24 * 7),
  CES_LOW_SCORE: integer(3, 1, 7),
  SUPPORT_HOURS: openingHours,
  SUPPORT_TIMEZONE: text('UTC').refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin or America/New_York'),

  SLACK_BOT_TOKEN: prefixed('xoxb-', 'the Bot User OAuth Token from OAuth & Permissions'),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: prefixed('xapp-', 'an app-level token with connections:write, from Basic Information'),
  SLACK_MODE: z.preprocess(blankToUndefined, z.enum(['http', 'socket'], { error: 'must be http or socket' }).optional()),
  PORT: integer(3000, 1, 65535),
  SLACK_API_URL: url('https://slack.com/api/'),
  SLACK_SUPPORT_CHANNELS: list,
  SLACK_AGENT_CHANNELS: teamMap,
  SLACK_TEAM_GROUPS: teamMap,
  SLACK_AGENT_USERS: list,
  SLACK_AGENT_GROUPS: list,

  DISCORD_TOKEN: optionalText,
  DISCORD_API_URL: url('https://discord.com/api'),
  DISCORD_SUPPORT_CHANNELS: list,
  DISCORD_AGENT_CHANNELS: teamMap,
  DISCORD_AGENT_ROLES: teamMap,
  DISCORD_GUILD_ID: optionalText,

  OPENAI_API_KEY: optionalText,
  // http(s) only: "localhost:11434/v1" parses as a URL with scheme "localhost:" and would fail at the first call
  OPENAI_BASE_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: 'must be a full http(s) URL such as http://localhost:11434/v1' }).optional()),
  LLM_CHAT_MODEL: text('gpt-4o-mini'),
  LLM_EMBEDDING_MODEL: text('text-embedding-3-small'),
  LLM_EMBEDDINGS: flag(false),
  LLM_TIMEOUT_MS: integer(20000, 1000, 300000),
  LLM_MAX_TOKENS: integer(700, 50, 32000),
  LLM_MAX_RETRIES: integer(2, 0, 10),
});

const withPlatformRules = envSchema.superRefine((env, ctx) => {
  const need = (key: keyof typeof env, why: string) =>
    env[key] === undefined && ctx.addIssue({ code: 'custom', path: [key], message: `is required ${why}` });
  const slackMode = env.SLACK_MODE ?? (env.SLACK_APP_TOKEN ? 'socket' : 'http');
  if (env.SLACK_BOT_TOKEN) {
    if (slackMode === 'socket') need('SLACK_APP_TOKEN', 'for SLACK_MODE=socket (an xapp- token with connections:write)');
    else need('SLACK_SIGNING_SECRET', 'for Slack HTTP mode (Basic Information → Signing Secret), or set SLACK_APP_TOKEN for Socket Mode');
  } else if (env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET) {
    need('SLACK_BOT_TOKEN', 'when other SLACK_ settings are set (the xoxb- Bot User OAuth Token)');
  }
  if (env.LLM_EMBEDDINGS) need('OPENAI_API_KEY', 'when LLM_EMBEDDINGS=true');
  // an answer needs more confidence than a suggestion: the other way round, nothing would ever be suggested
  if (env.MATCH_ANSWER_THRESHOLD !== undefined && env.MATCH_SUGGEST_THRESHOLD !== undefined && env.MATCH_ANSWER_THRESHOLD < env.MATCH_SUGGEST_THRESHOLD) {
    ctx.addIssue({ code: 'custom', path: ['MATCH_ANSWER_THRESHOLD'], message: `(${env.MATCH_ANSWER_THRESHOLD}) must not be below MATCH_SUGGEST_THRESHOLD (${env.MATCH_SUGGEST_THRESHOLD}): swap them, or leave both unset to have them derived from the knowledge base` });
  }
  if (env.LLM_EMBEDDINGS && env.MATCHER === 'lexical') {
    ctx.addIssue({ code: 'custom', path: ['LLM_EMBEDDINGS'], message: 'needs MATCHER=hybrid (embeddings are one of the hybrid matcher\'s channels)' });
  }
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  slackMode?: 'http' | 'socket';
  llmEnabled: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problems (fix them in .env or the environment; see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses settings; throws one ConfigError listing every problem. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = withPlatformRules.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}${valueHint(env, i.path[0], i.message)}`));
  }
  const e = result.data;
  return {
    ...e,
    slackMode: e.SLACK_BOT_TOKEN ? (e.SLACK_MODE ?? (e.SLACK_APP_TOKEN ? 'socket' : 'http')) : undefined,
    llmEnabled: Boolean(e.OPENAI_API_KEY),
  };
}

const SECRET = /TOKEN|SECRET|KEY/;
/**
 * Echoes the bad value to help fixing it, unless the message already quotes all of it; never a token or key,
 * nor the credentials inside a URL.
 */
function valueHint(env: Record<string, string | undefined>, key: PropertyKey | undefined, message: string): string {
  if (typeof key !== 'string' || env[key] === undefined || SECRET.test(key) || message.includes(`"${env[key].trim()}"`)) return '';
  return ` (got "${env[key].replace(/\/\/[^/@\s]*@/, '//***@')}")`;
}

/** Teams the settings name (the default team, and those with agent channels, groups or roles): not typos. */
export function configuredTeams(config: Env): string[] {
  const maps = [config.SLACK_AGENT_CHANNELS, config.SLACK_TEAM_GROUPS, config.DISCORD_AGENT_CHANNELS, config.DISCORD_AGENT_ROLES];
  return [...new Set([config.DEFAULT_TEAM, ...maps.flatMap((m) => Object.keys(m ?? {}))])].filter((team) => team !== '*');
}

/** Reads `.env` (if present) beneath real environment variables, then parses everything. */
export function loadConfig(options: { env?: NodeJS.ProcessEnv; envFile?: string } = {}): Config {
  const env = options.env ?? process.env;
  const file = options.envFile ?? '.env';
  const fromFile = existsSync(file) ? parseDotEnv(readFileSync(file)) : {};
  return parseConfig({ ...fromFile, ...env });
}
