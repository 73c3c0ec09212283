import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import type { Claims } from '../store/claims.js';
import { KeyedMutex } from './keyed-mutex.js';

/** A turn longer than this (a slow LLM with retries) lets another instance in; the store frees a crashed holder's. */
const LEASE_MS = 60_000;
/** Past this, a turn goes ahead anyway: a stuck lease must not leave a customer without a reply. */
const WAIT_MS = 30_000;
const FIRST_RETRY_MS = 20;
const MAX_RETRY_MS = 500;

/**
 * One conversation, one turn at a time: in this process by a queue (arrival order), and across processes on
 * the same store by a lease in it (instances behind a load balancer receive the same thread's messages).
 */
export class ConversationLock {
  private readonly local = new KeyedMutex();

  constructor(
    private readonly claims: Claims,
    private readonly logger: Logger,
  ) {}

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(key, () => this.leased(key, work));
  }

  idle(): Promise<void> {
    return this.local.idle();
  }

  private async leased<T>(key: string, work: () => Promise<T>): Promise<T> {
    const token = await this.acquire(`turn:${key}`);
    try {
      return await work();
    } finally {
      if (token) await this.claims.release(`turn:${key}`, token).catch(() => undefined); // it expires anyway
    }
  }

  private async acquire(key: string): Promise<string | undefined> {
    const started = Date.now();
    for (let wait = FIRST_RETRY_MS; ; wait = Math.min(wait * 2, MAX_RETRY_MS)) {
      try {
        const token = await this.claims.take(key, LEASE_MS);
        if (token) return token;
      } catch (error) {
        this.logger.warn('could not take the conversation lease in the store; going ahead', { key, error: error instanceof Error ? error.message : String(error) });
        return undefined;
      }
      if (Date.now() - started > WAIT_MS) {
        this.logger.warn('another instance has held this conversation for 30 s; going ahead', { key });
        return undefined;
      }
      await sleep(wait);
    }
  }
}
