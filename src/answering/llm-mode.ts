import type { Config } from '../config.js';
import type { Answerer, Summarizer } from '../engine/answering.js';
import type { Logger } from '../logger.js';
import type { EmbeddingProvider } from '../matching/embeddings/provider.js';
import { LlmCallLog } from './call-log.js';
import { ANSWER_PLACEHOLDERS, GroundedAnswerer } from './grounded-answerer.js';
import { HandoffSummarizer, SUMMARY_PLACEHOLDERS } from './handoff-summarizer.js';
import { createChatModel, createOpenAiClient, llmSettings, type LlmSettings } from './llm-settings.js';
import { OpenAiEmbeddings } from './openai-embeddings.js';
import { loadPromptFile } from './prompt-file.js';
import type { RetryPolicy } from './retry.js';

export const ANSWER_PROMPT = 'answer.md';
export const SUMMARY_PROMPT = 'handoff-summary.md';

/** The LLM-mode pieces the app plugs in. */
export interface LlmMode {
  answerer: Answerer;
  summarizer: Summarizer;
  /** For the hybrid matcher (`MatcherOptions.embeddings`); only when LLM_EMBEDDINGS=true. */
  embeddings?: () => Promise<EmbeddingProvider>;
  /** Give it the store's event log once the app has opened it: every call's tokens are recorded there. */
  calls: LlmCallLog;
}

/**
 * Builds LLM mode from the config, or returns undefined when no API key is set (embedded mode). Throws
 * a PromptFileError at start when a prompt file is missing or broken. `overrides` are for tests
 * (sub-second timeouts, instant retry waits).
 */
export function createLlmMode(
  config: Config,
  options: { logger: Logger; overrides?: Partial<Omit<LlmSettings, 'retry'>> & { retry?: Partial<RetryPolicy> } },
): LlmMode | undefined {
  const base = llmSettings(config);
  if (!base) return undefined;
  const { retry, ...overrides } = options.overrides ?? {};
  const settings: LlmSettings = { ...base, ...overrides, retry: { ...base.retry, ...retry } };
  const logger = options.logger.child({ component: 'llm' });
  const calls = new LlmCallLog(logger);
  const model = createChatModel(settings);
  const shared = { model, modelName: settings.chatModel, retry: settings.retry, calls, logger };

  const answerer = new GroundedAnswerer({
    ...shared,
    prompt: loadPromptFile(settings.promptsDir, ANSWER_PROMPT, ANSWER_PLACEHOLDERS),
    companyName: settings.companyName,
  });
  const summarizer = new HandoffSummarizer({ ...shared, prompt: loadPromptFile(settings.promptsDir, SUMMARY_PROMPT, SUMMARY_PLACEHOLDERS) });
  const provider = config.LLM_EMBEDDINGS ? embeddingProvider(settings, calls) : undefined;

  // Which server is deliberately not logged: a base URL can carry credentials or internal host names.
  logger.info('LLM mode on', {
    chatModel: settings.chatModel,
    embeddings: provider ? settings.embeddingModel : 'off',
    server: settings.baseURL ? 'custom (OPENAI_BASE_URL)' : 'api.openai.com',
  });
  return { answerer, summarizer, embeddings: provider ? async () => provider : undefined, calls };
}

/**
 * Just the embedding provider (for `threadline eval` and bench, which need no answerer), or undefined
 * unless LLM_EMBEDDINGS=true with a key. Its calls are recorded once `calls.attach` is given a store.
 */
export function embeddingsFor(config: Config, options: { logger: Logger }): { embeddings: () => Promise<EmbeddingProvider>; calls: LlmCallLog } | undefined {
  const settings = llmSettings(config);
  if (!settings || !config.LLM_EMBEDDINGS) return undefined;
  const calls = new LlmCallLog(options.logger.child({ component: 'llm' }));
  const provider = embeddingProvider(settings, calls);
  return { embeddings: async () => provider, calls };
}

function embeddingProvider(settings: LlmSettings, calls: LlmCallLog): OpenAiEmbeddings {
  return new OpenAiEmbeddings({ client: createOpenAiClient(settings), model: settings.embeddingModel, baseURL: settings.baseURL, retry: settings.retry, calls });
}
