import { classify, LlmFailure } from './llm-failure.js';

export interface RetryPolicy {
  /** Retries after the first attempt (LLM_MAX_RETRIES). */
  maxRetries: number;
  /** First backoff; doubles each retry, with jitter. */
  baseDelayMs: number;
  /** A customer is waiting: a server asking for a longer pause than this is not waited for. */
  maxDelayMs: number;
  /** Injected so tests can check the waits without spending them. */
  sleep?: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy = (maxRetries: number): RetryPolicy => ({ maxRetries, baseDelayMs: 500, maxDelayMs: 8000 });

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, retrying only failures that a pause can fix (429 with or without
 * retry-after, 5xx, dropped connections). Timeouts are not retried: the customer has already waited a
 * full timeout. Throws the last attempt's LlmFailure, with `attempts` set.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  onRetry: (failure: LlmFailure, delayMs: number) => void = () => {},
): Promise<{ value: T; attempts: number }> {
  const sleep = policy.sleep ?? realSleep;
  for (let attempts = 1; ; attempts++) {
    try {
      return { value: await attempt(), attempts };
    } catch (error) {
      const failure = classify(error);
      const delay = failure.detail.retryAfterMs ?? backoff(policy.baseDelayMs, attempts);
      if (!failure.retryable || attempts > policy.maxRetries || delay > policy.maxDelayMs) {
        failure.attempts = attempts;
        throw failure;
      }
      onRetry(failure, delay);
      await sleep(delay);
    }
  }
}

const backoff = (base: number, attempt: number) => Math.round(base * 2 ** (attempt - 1) * (0.75 + Math.random() / 2));
