interface Waiter {
  check: () => boolean;
}

/**
 * Promises that settle once a condition over some recorded state holds. The owner calls `notify()` after every
 * change; a timeout rejects with a description of what was expected and what was seen instead.
 */
export class Waiters {
  private readonly pending = new Set<Waiter>();

  notify(): void {
    for (const waiter of [...this.pending]) waiter.check();
  }

  until<T>(find: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const value = find();
          if (value === undefined) return false;
          this.pending.delete(waiter);
          clearTimeout(timer);
          resolve(value);
          return true;
        },
      };
      const timer = setTimeout(() => {
        this.pending.delete(waiter);
        reject(new Error(`Timed out after ${timeoutMs} ms: ${describe()}`));
      }, timeoutMs);
      this.pending.add(waiter);
    });
  }
}
