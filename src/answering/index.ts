export { createLlmMode, embeddingsFor, ANSWER_PROMPT, SUMMARY_PROMPT, type LlmMode } from './llm-mode.js';
export { llmSettings, createChatModel, createOpenAiClient, type LlmSettings } from './llm-settings.js';
export { GroundedAnswerer, ground, answerReply, ANSWER_PLACEHOLDERS, type Rejection } from './grounded-answerer.js';
export { HandoffSummarizer, summaryReply, SUMMARY_PLACEHOLDERS } from './handoff-summarizer.js';
export { OpenAiEmbeddings, EMBED_BATCH } from './openai-embeddings.js';
export { LlmCallLog, TokenUsage, type CallMeta, type CallResult, type LlmPurpose } from './call-log.js';
export { LlmFailure, classify, retryAfterMs, type FailureReason } from './llm-failure.js';
export { withRetries, defaultRetryPolicy, type RetryPolicy } from './retry.js';
export { loadPromptFile, PromptFileError } from './prompt-file.js';
