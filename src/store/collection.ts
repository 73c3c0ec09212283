import type Keyv from 'keyv';

/** Typed records under one key prefix of the shared Keyv. */
export class Collection<T> {
  constructor(
    private readonly keyv: Keyv,
    private readonly prefix: string,
  ) {}

  private key(id: string): string {
    return `${this.prefix}:${id}`;
  }

  async get(id: string): Promise<T | undefined> {
    return (await this.keyv.get<T>(this.key(id))) ?? undefined;
  }

  async set(id: string, value: T, ttlMs?: number): Promise<void> {
    await this.keyv.set(this.key(id), value, ttlMs);
  }

  async delete(id: string): Promise<void> {
    await this.keyv.delete(this.key(id));
  }

  /** Every record of this collection. Fine for reports and sweeps at support-desk scale. */
  async *all(): AsyncGenerator<[string, T]> {
    if (!this.keyv.iterator) throw new Error('this STORE_URL backend cannot list records');
    const start = `${this.prefix}:`;
    for await (const [key, value] of this.keyv.iterator(this.keyv.namespace)) {
      if (typeof key === 'string' && key.startsWith(start) && value !== undefined) yield [key.slice(start.length), value as T];
    }
  }
}
