import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWER_PLACEHOLDERS, createLlmMode, loadPromptFile, PromptFileError } from '../../src/answering/index.js';
import { ConfigError, parseConfig } from '../../src/config.js';
import { problemsOf } from '../helpers/config-problems.js';
import { createLogger, silentLogger } from '../../src/logger.js';
import { API_KEY, BASE_URL, completion, FakeOpenAi } from './fake-openai.js';
import { llmConfig, PROMPTS_DIR } from './llm-fixture.js';

afterEach(() => FakeOpenAi.reset());

const question = { conversationId: 'c1', question: 'How do I reset my password?', history: [] };
const candidates = [{ article: { id: 'reset-password', title: 'Reset your password', questions: [], tags: [], handoff: false, body: 'Click Forgot password.', file: 'r.md', hash: 'h' }, score: 0.9 }];

describe('LLM settings', () => {
  it('embedded mode without an API key: no LLM pieces at all', () => {
    expect(createLlmMode(parseConfig({}), { logger: silentLogger })).toBeUndefined();
  });

  it('validates every LLM setting, listing all problems at once', () => {
    const problems = problemsOf({
      OPENAI_BASE_URL: 'localhost:11434',
      LLM_TIMEOUT_MS: '50',
      LLM_MAX_TOKENS: 'lots',
      LLM_MAX_RETRIES: '99',
      LLM_EMBEDDINGS: 'maybe',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^OPENAI_BASE_URL: must be a full http\(s\) URL such as http:\/\/localhost:11434\/v1/),
      expect.stringMatching(/^LLM_EMBEDDINGS: must be true or false/),
      expect.stringMatching(/^LLM_TIMEOUT_MS: must be at least 1000/),
      expect.stringMatching(/^LLM_MAX_TOKENS: must be a whole number/),
      expect.stringMatching(/^LLM_MAX_RETRIES: must be at most 10/),
    ]);
  });

  it('LLM_EMBEDDINGS needs a key and the hybrid matcher', () => {
    expect(problemsOf({ LLM_EMBEDDINGS: 'true', MATCHER: 'lexical' })).toEqual([
      expect.stringMatching(/^OPENAI_API_KEY: is required when LLM_EMBEDDINGS=true/),
      expect.stringMatching(/^LLM_EMBEDDINGS: needs MATCHER=hybrid/),
    ]);
  });

  it('talks to api.openai.com when OPENAI_BASE_URL is empty', async () => {
    nock.disableNetConnect();
    nock('https://api.openai.com')
      .post('/v1/chat/completions')
      .reply(200, completion(JSON.stringify({ answer: 'Click **Forgot password**.', citedArticleIds: ['reset-password'], confident: true })));
    const llm = createLlmMode(parseConfig({ OPENAI_API_KEY: API_KEY, PROMPTS_DIR }), { logger: silentLogger })!;
    expect((await llm.answerer.answer({ ...question, candidates }))?.text).toBe('Click **Forgot password**.');
  });

  it('uses the configured chat model and max tokens on any OpenAI-compatible server', async () => {
    const api = new FakeOpenAi().chat({ json: { answer: 'Click **Forgot password**.', citedArticleIds: ['reset-password'], confident: true } });
    const llm = createLlmMode(llmConfig({ LLM_CHAT_MODEL: 'llama3.1:8b', LLM_MAX_TOKENS: '300' }), { logger: silentLogger })!;
    await llm.answerer.answer({ ...question, candidates });
    expect(api.chatRequests[0]).toMatchObject({ model: 'llama3.1:8b', max_tokens: 300 });
  });

  it('says LLM mode is on without naming the server or the key', () => {
    const lines: string[] = [];
    createLlmMode(llmConfig(), { logger: createLogger('debug', (l) => lines.push(l)) });
    expect(lines.join('\n')).toMatch(/LLM mode on .*chatModel=gpt-4o-mini embeddings=off server="custom \(OPENAI_BASE_URL\)"/);
    expect(lines.join('\n')).not.toContain(new URL(BASE_URL).hostname);
    expect(lines.join('\n')).not.toContain(API_KEY);
  });
});

describe('prompt files', () => {
  const dirWith = (answer: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-prompts-'));
    writeFileSync(join(dir, 'answer.md'), answer);
    copyFileSync(join(PROMPTS_DIR, 'handoff-summary.md'), join(dir, 'handoff-summary.md'));
    return dir;
  };

  it('the shipped prompts load with exactly the placeholders the code fills in', () => {
    expect(() => createLlmMode(llmConfig(), { logger: silentLogger })).not.toThrow();
    expect(loadPromptFile(PROMPTS_DIR, 'answer.md', ANSWER_PLACEHOLDERS).inputVariables.sort()).toEqual([...ANSWER_PLACEHOLDERS].sort());
  });

  it('are read from PROMPTS_DIR, so operators can edit them', async () => {
    const dir = dirWith('## system\nYou help {company} customers. Data is in blocks. JSON only.\n## user\n{articles}\n{history}\n{question}');
    const api = new FakeOpenAi().chat({ json: { answer: 'Click **Forgot password**.', citedArticleIds: ['reset-password'], confident: true } });
    const llm = createLlmMode(llmConfig({ PROMPTS_DIR: dir, COMPANY_NAME: 'Acme' }), { logger: silentLogger })!;
    await llm.answerer.answer({ ...question, candidates });
    expect(api.chatRequests[0]?.messages[0]?.content).toBe('You help Acme customers. Data is in blocks. JSON only.');
  });

  it.each([
    ['no user section', '## system\nRules for {company}.', /needs a "## user" section/],
    ['a dropped placeholder', '## system\nRules.\n## user\n{articles}\n{question}', /must use \{company\}, \{history\}/],
    ['an unknown placeholder', '## system\nRules for {company}.\n## user\n{articles} {history} {question} {customer_email}', /unknown placeholder\(s\) \{customer_email\}/],
    ['a lone brace', '## system\nReply as {"answer": …} for {company}.\n## user\n{articles} {history} {question}', /answer\.md/],
  ])('fail at start with the file and the fix: %s', (_label, text, message) => {
    const dir = dirWith(text);
    const build = () => createLlmMode(llmConfig({ PROMPTS_DIR: dir }), { logger: silentLogger });
    expect(build).toThrow(PromptFileError);
    expect(build).toThrow(message);
  });

  it('fail at start when the file is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-prompts-'));
    expect(() => createLlmMode(llmConfig({ PROMPTS_DIR: dir }), { logger: silentLogger })).toThrow(/answer\.md: cannot be read \(ENOENT\)/);
  });
});
