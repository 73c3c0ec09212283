/**
 * Threads whose message the engine is still handling, in this process. A new conversation is stored when its
 * first turn ends, and the customer can write again before that: on Discord the thread appears at once, and a
 * first answer can take seconds (an LLM, a rate limit). Without this, that follow-up would look like a message
 * in a thread that is no conversation and be dropped. Adapters take messages in these threads as part of the
 * conversation; the engine's per-conversation lock runs them after the first turn.
 */
export class OpeningThreads {
  private readonly running = new Map<string, number>();

  has(conversationId: string): boolean {
    return this.running.has(conversationId);
  }

  async during<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    this.running.set(conversationId, (this.running.get(conversationId) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const left = (this.running.get(conversationId) ?? 1) - 1;
      if (left > 0) this.running.set(conversationId, left);
      else this.running.delete(conversationId);
    }
  }
}
