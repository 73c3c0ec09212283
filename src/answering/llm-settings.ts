import { ChatOpenAI } from '@langchain/openai';
import OpenAI from 'openai';
import type { Config } from '../config.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry.js';

/** What LLM mode needs from the config (validated there), in one place. */
export interface LlmSettings {
  apiKey: string;
  /** Any OpenAI-compatible server; undefined = api.openai.com. Never logged. */
  baseURL?: string;
  chatModel: string;
  embeddingModel: string;
  timeoutMs: number;
  maxTokens: number;
  retry: RetryPolicy;
  companyName: string;
  promptsDir: string;
}

/** The LLM settings, or undefined when no API key is set (embedded mode). */
export function llmSettings(config: Config): LlmSettings | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  return {
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    chatModel: config.LLM_CHAT_MODEL,
    embeddingModel: config.LLM_EMBEDDING_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxTokens: config.LLM_MAX_TOKENS,
    retry: defaultRetryPolicy(config.LLM_MAX_RETRIES),
    companyName: config.COMPANY_NAME,
    promptsDir: config.PROMPTS_DIR,
  };
}

/**
 * The langchain chat model over the openai client. Its own retries are off (maxRetries 0): ours honour
 * retry-after, never retry a timeout while a customer waits, and record every attempt.
 */
export function createChatModel(settings: LlmSettings): ChatOpenAI {
  return new ChatOpenAI({
    apiKey: settings.apiKey,
    model: settings.chatModel,
    maxTokens: settings.maxTokens,
    timeout: settings.timeoutMs,
    maxRetries: 0,
    streaming: false,
    configuration: settings.baseURL ? { baseURL: settings.baseURL } : {},
  });
}

/** The plain openai client (for embeddings, which langchain would not report tokens for). */
export function createOpenAiClient(settings: LlmSettings): OpenAI {
  return new OpenAI({ apiKey: settings.apiKey, baseURL: settings.baseURL, timeout: settings.timeoutMs, maxRetries: 0 });
}
