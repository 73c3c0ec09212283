import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import { MemoryClaims, RedisClaims, SqlClaims, type Claims, type RedisLike } from './claims.js';
import { ensureReachable, REACH_TIMEOUT_MS, type ReachCheck } from './reach-backend.js';

/** The store's backend: Keyv for records, and claims (atomic first-one-wins) on the same database. */
export interface Backend {
  keyv: Keyv;
  claims: Claims;
}

/**
 * One Keyv over the backend named by STORE_URL: `sqlite://./data/threadline.sqlite` (default; the folder is
 * created), `memory://` (tests), `redis://…` (@keyv/redis) or `postgres://…` (@keyv/postgres). A Redis or
 * Postgres server must answer one round trip first, else this rejects with a StoreUnreachableError.
 */
export async function openBackend(url: string, namespace = 'threadline'): Promise<Backend> {
  const { adapter, claims, reach } = await openAdapter(url);
  const keyv = new Keyv({ store: adapter, namespace });
  keyv.on('error', () => {}); // errors also reject the failing call, where they are handled with context
  if (reach) {
    try {
      await ensureReachable({ url, ...reach });
    } catch (error) {
      await reach.abandon().catch(() => undefined); // no reconnect loop or half-open connection keeps the process alive
      throw error;
    }
  }
  return { keyv, claims };
}

interface Opened {
  adapter: KeyvStoreAdapter | Map<unknown, unknown>;
  claims: Claims;
  /** Server backends: how to check the server answers, and to drop the connection at once when it does not. */
  reach?: Omit<ReachCheck, 'url'> & { abandon(): Promise<unknown> };
}

/** What opening Redis needs of a node-redis client beyond claims. */
interface RedisClient extends RedisLike {
  connect(): Promise<unknown>;
  ping(): Promise<unknown>;
  /** Closes the socket without the QUIT round trip that close() waits for. */
  destroy(): void;
  isOpen: boolean;
}

async function openAdapter(url: string): Promise<Opened> {
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
  switch (scheme) {
    case 'memory':
      return { adapter: new Map(), claims: new MemoryClaims() };
    case 'sqlite': {
      const file = url.replace(/^sqlite:\/\//i, '');
      const problem = (what: string, error?: unknown) =>
        new Error(`STORE_URL ${url}: ${what}${error ? ` (${error instanceof Error ? error.message : String(error)})` : ''} — point it at a file in a folder threadline may write to, such as sqlite://./data/threadline.sqlite`);
      if (!file) throw problem('it names no file');
      if (file !== ':memory:') {
        try {
          mkdirSync(dirname(resolve(file)), { recursive: true });
        } catch (error) {
          throw problem(`cannot create the folder ${dirname(resolve(file))}`, error);
        }
      }
      const { default: KeyvSqlite } = await import('@keyv/sqlite');
      const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5000 });
      // SQLite opens the file on first use: a file that is no database, or cannot be opened, fails here, not mid-chat
      try {
        await adapter.query('SELECT count(*) FROM sqlite_master');
      } catch (error) {
        throw problem(`cannot use ${resolve(file)} as its database`, error);
      }
      return { adapter, claims: new SqlClaims((sql, params) => adapter.query(sql, ...params), 'sqlite') };
    }
    case 'redis':
    case 'rediss': {
      let reached = false;
      // Until Redis has answered once a failed connection is final (start-up reports it); after that a Redis
      // restart is waited out, backing off as @keyv/redis does.
      const socket = { connectTimeout: REACH_TIMEOUT_MS, reconnectStrategy: (retries: number) => reached && Math.min(2 ** retries * 100, 2000) };
      const adapter = (await importAdapter<{ client: RedisClient; getClient(): Promise<unknown> }>('@keyv/redis'))({ url, socket });
      const probe = async () => {
        await adapter.client.connect(); // rejects with the cause, where getClient() only says "failed to connect"
        await adapter.client.ping();
        reached = true;
      };
      return { adapter, claims: new RedisClaims(async () => (await adapter.getClient()) as RedisLike), reach: { service: 'Redis', defaultPort: 6379, probe, abandon: async () => adapter.client.isOpen && adapter.client.destroy() } };
    }
    case 'postgres':
    case 'postgresql': {
      // connectionTimeoutMillis: an unanswered connect fails instead of waiting for the operating system's timeout
      const adapter = (await importAdapter<{ query(sql: string, values?: unknown[]): Promise<unknown>; disconnect(): Promise<void> }>('@keyv/postgres'))({ uri: url, connectionTimeoutMillis: REACH_TIMEOUT_MS });
      const probe = () => adapter.query('SELECT 1');
      return { adapter, claims: new SqlClaims((sql, params) => adapter.query(sql, params), 'postgres'), reach: { service: 'PostgreSQL', defaultPort: 5432, probe, abandon: () => adapter.disconnect() } };
    }
    default:
      throw new Error(`STORE_URL "${url}" is not supported: use sqlite://path, memory://, redis://host or postgres://host/db`);
  }
}

/** Redis and Postgres adapters are loaded only when a URL asks for them. */
async function importAdapter<Extra>(name: string): Promise<(options: object) => KeyvStoreAdapter & Extra> {
  try {
    const mod = (await import(name)) as { default: new (options: object) => KeyvStoreAdapter & Extra };
    return (options) => new mod.default(options);
  } catch {
    throw new Error(`STORE_URL needs the ${name} package: run "npm install ${name}"`);
  }
}
