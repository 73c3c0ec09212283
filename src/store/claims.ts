import { randomUUID } from 'node:crypto';

/**
 * Atomic "first one wins" records shared by every threadline process on one store: a platform event is handled
 * by one instance only, and one conversation by one instance at a time. Keyv has no set-if-absent, so each
 * backend does it its own way (SQL insert-if-absent, Redis SET NX); a claim expires after its ttl so a crashed
 * holder never blocks anyone for long.
 */
export interface Claims {
  /** A token when this caller now holds `key` (until `ttlMs` passes or it is released), else undefined. */
  take(key: string, ttlMs: number): Promise<string | undefined>;
  /** Lets go of `key` if `token` still holds it. */
  release(key: string, token: string): Promise<void>;
}

/** Expired claims are swept every this many takes (most are event ids nobody asks about again). */
const SWEEP_EVERY = 500;

/** One process: a map is as atomic as it needs to be. */
export class MemoryClaims implements Claims {
  private readonly held = new Map<string, { token: string; expires: number }>();
  private takes = 0;

  async take(key: string, ttlMs: number): Promise<string | undefined> {
    const now = Date.now();
    if (++this.takes % SWEEP_EVERY === 0) for (const [k, c] of this.held) if (c.expires <= now) this.held.delete(k);
    const current = this.held.get(key);
    if (current && current.expires > now) return undefined;
    const token = randomUUID();
    this.held.set(key, { token, expires: now + ttlMs });
    return token;
  }

  async release(key: string, token: string): Promise<void> {
    if (this.held.get(key)?.token === token) this.held.delete(key);
  }
}

type Query = (sql: string, params: unknown[]) => Promise<unknown>;
type Row = { token?: string };

/**
 * SQLite and Postgres: a table of its own beside Keyv's. The row's primary key makes the upsert atomic: of two
 * processes inserting at once, one row lands and the other's insert changes nothing (an expired row is taken
 * over); reading the row back tells each whether it is theirs.
 */
export class SqlClaims implements Claims {
  private ready?: Promise<unknown>;
  private takes = 0;

  constructor(
    private readonly query: Query,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  private sql(text: string): string {
    if (this.dialect === 'sqlite') return text;
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  }

  private table(): Promise<unknown> {
    const create = () => this.query('CREATE TABLE IF NOT EXISTS threadline_claims (key VARCHAR(512) PRIMARY KEY, token VARCHAR(64) NOT NULL, expires BIGINT NOT NULL)', []);
    // two instances starting together can race on Postgres's catalog; the second try finds the table there
    this.ready ??= create()
      .catch(() => create())
      .catch((error: unknown) => {
        this.ready = undefined;
        throw error;
      });
    return this.ready;
  }

  async take(key: string, ttlMs: number): Promise<string | undefined> {
    await this.table();
    const now = Date.now();
    const token = randomUUID();
    if (++this.takes % SWEEP_EVERY === 0) await this.query(this.sql('DELETE FROM threadline_claims WHERE expires <= ?'), [now]);
    // one statement: a new row, or an expired one taken over; a live claim is left alone
    const upsert = 'INSERT INTO threadline_claims (key, token, expires) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET token = excluded.token, expires = excluded.expires WHERE threadline_claims.expires <= ?';
    await this.query(this.sql(upsert), [key, token, now + ttlMs, now]);
    const rows = rowsOf(await this.query(this.sql('SELECT token FROM threadline_claims WHERE key = ?'), [key]));
    return rows[0]?.token === token ? token : undefined;
  }

  async release(key: string, token: string): Promise<void> {
    await this.table();
    await this.query(this.sql('DELETE FROM threadline_claims WHERE key = ? AND token = ?'), [key, token]);
  }
}

/** @keyv/sqlite answers with the rows; @keyv/postgres with a result whose `rows` they are. */
function rowsOf(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  const rows = (result as { rows?: unknown } | undefined)?.rows;
  return Array.isArray(rows) ? (rows as Row[]) : [];
}

/** What Redis claims need of a node-redis client. */
export interface RedisLike {
  set(key: string, value: string, options: { condition: 'NX'; expiration: { type: 'PX'; value: number } }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Redis: SET NX PX is atomic; releasing compares the token and deletes in one script. */
export class RedisClaims implements Claims {
  constructor(
    private readonly client: () => Promise<RedisLike>,
    private readonly prefix = 'threadline:claim:',
  ) {}

  async take(key: string, ttlMs: number): Promise<string | undefined> {
    const token = randomUUID();
    const answer = await (await this.client()).set(this.prefix + key, token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } });
    return answer === 'OK' ? token : undefined;
  }

  async release(key: string, token: string): Promise<void> {
    const script = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    await (await this.client()).eval(script, { keys: [this.prefix + key], arguments: [token] });
  }
}
