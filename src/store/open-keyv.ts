import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import { MemoryClaims, RedisClaims, SqlClaims, type Claims, type RedisLike } from './claims.js';

/** The store's backend: Keyv for records, and claims (atomic first-one-wins) on the same database. */
export interface Backend {
  keyv: Keyv;
  claims: Claims;
}

/**
 * One Keyv over the backend named by STORE_URL: `sqlite://./data/threadline.sqlite` (default; the folder is
 * created), `memory://` (tests), `redis://…` (@keyv/redis) or `postgres://…` (@keyv/postgres).
 */
export async function openBackend(url: string, namespace = 'threadline'): Promise<Backend> {
  const { adapter, claims } = await openAdapter(url);
  const keyv = new Keyv({ store: adapter, namespace });
  keyv.on('error', () => {}); // errors also reject the failing call, where they are handled with context
  return { keyv, claims };
}

async function openAdapter(url: string): Promise<{ adapter: KeyvStoreAdapter | Map<unknown, unknown>; claims: Claims }> {
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
  switch (scheme) {
    case 'memory':
      return { adapter: new Map(), claims: new MemoryClaims() };
    case 'sqlite': {
      const file = url.replace(/^sqlite:\/\//i, '');
      if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
      const { default: KeyvSqlite } = await import('@keyv/sqlite');
      const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5000 });
      return { adapter, claims: new SqlClaims((sql, params) => adapter.query(sql, ...params), 'sqlite') };
    }
    case 'redis':
    case 'rediss': {
      const adapter = (await importAdapter<{ getClient(): Promise<unknown> }>('@keyv/redis'))(url);
      return { adapter, claims: new RedisClaims(async () => (await adapter.getClient()) as RedisLike) };
    }
    case 'postgres':
    case 'postgresql': {
      const adapter = (await importAdapter<{ query(sql: string, values?: unknown[]): Promise<unknown> }>('@keyv/postgres'))(url);
      return { adapter, claims: new SqlClaims((sql, params) => adapter.query(sql, params), 'postgres') };
    }
    default:
      throw new Error(`STORE_URL "${url}" is not supported: use sqlite://path, memory://, redis://host or postgres://host/db`);
  }
}

/** Redis and Postgres adapters are loaded only when a URL asks for them. */
async function importAdapter<Extra>(name: string): Promise<(url: string) => KeyvStoreAdapter & Extra> {
  try {
    const mod = (await import(name)) as { default: new (url: string) => KeyvStoreAdapter & Extra };
    return (url) => new mod.default(url);
  } catch {
    throw new Error(`STORE_URL needs the ${name} package: run "npm install ${name}"`);
  }
}
