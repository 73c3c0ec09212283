import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config.js';
import { problemsOf } from '../helpers/config-problems.js';

describe('configuration', () => {
  it('needs nothing to run the console on the sample knowledge base', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      COMPANY_NAME: 'Brightloom',
      KNOWLEDGE_DIR: './knowledge',
      STORE_URL: 'sqlite://./data/threadline.sqlite',
      PORT: 3000,
      SLACK_API_URL: 'https://slack.com/api/',
      DISCORD_API_URL: 'https://discord.com/api',
      CES_LOW_SCORE: 3,
      AUTO_RESOLVE_SURVEY: false,
      llmEnabled: false,
    });
    expect(config.slackMode).toBeUndefined();
  });

  it('lists every problem at once, each with the setting and how to fix it', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      CES_LOW_SCORE: '9',
      STORE_URL: 'mysql://db',
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_API_URL: 'not a url',
      AUTO_RESOLVE_SURVEY: 'maybe',
      SLACK_AGENT_CHANNELS: 'billing:C1,oops:',
      MATCH_ANSWER_THRESHOLD: '1.5',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT: must be a whole number (got "eighty")',
        'CES_LOW_SCORE: must be at most 7 (got "9")',
        expect.stringMatching(/^STORE_URL: must start with sqlite:\/\/, redis:\/\/, postgres:\/\/ or be memory:\/\/ \(got "mysql:\/\/db"\)$/),
        expect.stringMatching(/^SLACK_BOT_TOKEN: must start with "xoxb-" \(the Bot User OAuth Token/),
        expect.stringMatching(/^SLACK_API_URL: must be a full URL/),
        'AUTO_RESOLVE_SURVEY: must be true or false (got "maybe")',
        expect.stringMatching(/^SLACK_AGENT_CHANNELS: "oops:" is not team:id/),
        'MATCH_ANSWER_THRESHOLD: must be between 0 and 1 (got "1.5")',
      ]),
    );
    expect(problems).toHaveLength(8);
    expect(() => parseConfig({ PORT: 'x' })).toThrow(/Configuration problems \(fix them in \.env or the environment; see \.env\.example\):\n {2}- PORT/);
  });

  it('never echoes a secret value in an error, nor credentials inside a URL', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxp-secret-value', STORE_URL: 'mysql://admin:hunter2@db/support', OPENAI_BASE_URL: 'ftp://key:sk-abc@host' });
    expect(problems.join('\n')).not.toMatch(/secret-value|hunter2|sk-abc/);
    expect(problems).toContainEqual(expect.stringContaining('(got "mysql://***@db/support")'));
  });

  it('an answer threshold below the suggest threshold is named with both values and the fix', () => {
    expect(problemsOf({ MATCH_ANSWER_THRESHOLD: '0.2', MATCH_SUGGEST_THRESHOLD: '0.8' })).toEqual([
      'MATCH_ANSWER_THRESHOLD: (0.2) must not be below MATCH_SUGGEST_THRESHOLD (0.8): swap them, or leave both unset to have them derived from the knowledge base (got "0.2")',
    ]);
    expect(parseConfig({ MATCH_ANSWER_THRESHOLD: '0.8', MATCH_SUGGEST_THRESHOLD: '0.2' })).toMatchObject({ MATCH_ANSWER_THRESHOLD: 0.8, MATCH_SUGGEST_THRESHOLD: 0.2 });
  });

  it('knows which Slack mode the tokens imply, and what each mode still needs', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slackMode).toBe('http');
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slackMode).toBe('socket');
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET: is required for Slack HTTP mode/)]);
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'socket', SLACK_SIGNING_SECRET: 's' })).toEqual([
      expect.stringMatching(/^SLACK_APP_TOKEN: is required for SLACK_MODE=socket/),
    ]);
    expect(problemsOf({ SLACK_APP_TOKEN: 'xapp-1' })).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN: is required/)]);
  });

  it('reads team maps and lists', () => {
    const config = parseConfig({ SLACK_AGENT_CHANNELS: 'billing:C1, *:C9', DISCORD_AGENT_ROLES: '123', SLACK_SUPPORT_CHANNELS: 'C1, C2,' });
    expect(config.SLACK_AGENT_CHANNELS).toEqual({ billing: 'C1', '*': 'C9' });
    expect(config.DISCORD_AGENT_ROLES).toEqual({ '*': '123' });
    expect(config.SLACK_SUPPORT_CHANNELS).toEqual(['C1', 'C2']);
  });

  it('reads support hours in a time zone, and names what is wrong with either', () => {
    const config = parseConfig({ SUPPORT_HOURS: 'mon-fri 09:00-17:00', SUPPORT_TIMEZONE: 'Europe/Berlin' });
    expect(config.SUPPORT_HOURS?.map((r) => [[...r.days], r.from, r.to])).toEqual([[[1, 2, 3, 4, 5], 540, 1020]]);
    const always = parseConfig({});
    expect([always.SUPPORT_HOURS, always.SUPPORT_TIMEZONE]).toEqual([undefined, 'UTC']);
    expect(problemsOf({ SUPPORT_HOURS: 'mon-fry 09:00-17:00', SUPPORT_TIMEZONE: 'Berlin' })).toEqual([
      'SUPPORT_HOURS: "mon-fry" in "mon-fry 09:00-17:00" is not a day: use sun, mon, tue, wed, thu, fri, sat', // the message quotes the whole value already
      'SUPPORT_TIMEZONE: must be an IANA time zone such as Europe/Berlin or America/New_York (got "Berlin")',
    ]);
    expect(problemsOf({ SUPPORT_HOURS: 'mon-fri 09:00-17:00; Sat 10-14' })).toEqual([
      'SUPPORT_HOURS: "Sat 10-14" is not "days hh:mm-hh:mm": write e.g. "mon-fri 09:00-17:00; sat 10:00-14:00" (got "mon-fri 09:00-17:00; Sat 10-14")',
    ]);
  });

  it('reads .env beneath real environment variables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'COMPANY_NAME=Acme Corp\nPORT=4000\n');
    const config = loadConfig({ env: { PORT: '5000' }, envFile: file });
    expect(config.COMPANY_NAME).toBe('Acme Corp');
    expect(config.PORT).toBe(5000);
  });
});
