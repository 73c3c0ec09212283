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

describe.each([
  ['memory', () => 'memory://'],
  ['sqlite', sqliteUrl],
])('claims on %s', (_name, url) => {
  it('one taker wins until the holder releases it or its time is up', async () => {
    const { claims } = await open(url());
    const token = await claims.take('k', 60_000);
    expect(token).toBeTypeOf('string');
    expect(await claims.take('k', 60_000)).toBeUndefined();
    await claims.release('k', 'not-the-token');
    expect(await claims.take('k', 60_000)).toBeUndefined();
    await claims.release('k', token!);
    const short = await claims.take('k', 30);
    expect(short).toBeTypeOf('string');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await claims.take('k', 60_000)).toBeTypeOf('string'); // the short claim expired
  });
});

describe('claims shared by two connections to one SQLite file (two instances)', () => {
  it('each of 40 keys taken at once by both is won exactly once', async () => {
    const url = sqliteUrl();
    const [a, b] = [await open(url), await open(url)];
    const keys = Array.from({ length: 40 }, (_, i) => `event-${i}`);
    const won = await Promise.all(keys.flatMap((key) => [a.claims.take(key, 60_000), b.claims.take(key, 60_000)]));
    for (let i = 0; i < keys.length; i++) expect([won[2 * i], won[2 * i + 1]].filter(Boolean)).toHaveLength(1);
  });
});
