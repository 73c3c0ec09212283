import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function open(url: string): Promise<Store> {
  const store = await openStore(url);
  stores.push(store);
  return store;
}

const sqliteUrl = () => `sqlite://${join(mkdtempSync(join(tmpdir(), 'threadline-claims-')), 'store.sqlite')}`;

/** Redis and Postgres are checked too when a server is given (TEST_REDIS_URL, TEST_POSTGRES_URL): none runs in CI. */
const servers = [
  ['redis', process.env.TEST_REDIS_URL],
  ['postgres', process.env.TEST_POSTGRES_URL],
].flatMap(([name, url]) => (url ? [[name!, () => url] as [string, () => string]] : []));

describe.each([['memory', () => 'memory://'], ['sqlite', sqliteUrl], ...servers] as Array<[string, () => string]>)('claims on %s', (_name, url) => {
  it('one taker wins until the holder releases it or its time is up', async () => {
    const { claims } = await open(url());
    const k = `k-${Date.now()}`;
    const token = await claims.take(k, 60_000);
    expect(token).toBeTypeOf('string');
    expect(await claims.take(k, 60_000)).toBeUndefined();
    await claims.release(k, 'not-the-token');
    expect(await claims.take(k, 60_000)).toBeUndefined();
    await claims.release(k, token!);
    const short = await claims.take(k, 30);
    expect(short).toBeTypeOf('string');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await claims.take(k, 60_000)).toBeTypeOf('string'); // the short claim expired
  });
});

describe.each([['SQLite file', sqliteUrl], ...servers] as Array<[string, () => string]>)('claims shared by two connections to one %s (two instances)', (_name, shared) => {
  it('each of 40 keys taken at once by both is won exactly once', async () => {
    const url = shared();
    const [a, b] = [await open(url), await open(url)];
    const keys = Array.from({ length: 40 }, (_, i) => `event-${Date.now()}-${i}`); // fresh keys on a long-lived server
    const won = await Promise.all(keys.flatMap((key) => [a.claims.take(key, 60_000), b.claims.take(key, 60_000)]));
    for (let i = 0; i < keys.length; i++) expect([won[2 * i], won[2 * i + 1]].filter(Boolean)).toHaveLength(1);
  });
});
