import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv, { type KeyvStoreAdapter } from 'keyv';

/**
 * One Keyv over the backend named by STORE_URL: `sqlite://./data/threadline.sqlite` (default; the folder is
 * created), `memory://` (tests), `redis://…` (@keyv/redis) or `postgres://…` (@keyv/postgres).
 */
export async function openKeyv(url: string, namespace = 'threadline'): Promise<Keyv> {
  const keyv = new Keyv({ store: await openAdapter(url), namespace });
  keyv.on('error', () => {}); // errors also reject the failing call, where they are handled with context
  return keyv;
}

async function openAdapter(url: string): Promise<KeyvStoreAdapter | Map<unknown, unknown>> {
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
  switch (scheme) {
    case 'memory':
      return new Map();
    case 'sqlite': {
      const file = url.replace(/^sqlite:\/\//i, '');
      if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
      const { default: KeyvSqlite } = await import('@keyv/sqlite');
      return new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5000 });
    }
    case 'redis':
    case 'rediss':
      return (await importAdapter('@keyv/redis'))(url);
    case 'postgres':
    case 'postgresql':
      return (await importAdapter('@keyv/postgres'))(url);
    default:
      throw new Error(`STORE_URL "${url}" is not supported: use sqlite://path, memory://, redis://host or postgres://host/db`);
  }
}

type AdapterFactory = (url: string) => KeyvStoreAdapter;

/** Redis and Postgres adapters are loaded only when a URL asks for them. */
async function importAdapter(name: string): Promise<AdapterFactory> {
  try {
    const mod = (await import(name)) as { default: new (url: string) => KeyvStoreAdapter };
    return (url) => new mod.default(url);
  } catch {
    throw new Error(`STORE_URL needs the ${name} package: run "npm install ${name}"`);
  }
}
