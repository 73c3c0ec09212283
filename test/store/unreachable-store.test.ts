// A Redis or Postgres STORE_URL nobody answers at (or a SQLite one that cannot be used): opening the store fails at once with one line that says what
// and where, instead of Redis retrying forever in silence or Postgres "working" while storing nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureReachable, StoreUnreachableError } from '../../src/store/reach-backend.js';
import { openStore } from '../../src/store/store.js';
import { freePort, startThreadline } from '../helpers/child-process.js';

describe('opening a store whose server does not answer', () => {
  it('Redis on a closed port: names STORE_URL, the host:port, the refusal and the fix', async () => {
    const port = await freePort();
    const opening = openStore(`redis://127.0.0.1:${port}`);
    await expect(opening).rejects.toBeInstanceOf(StoreUnreachableError);
    await expect(opening).rejects.toThrow(
      new RegExp(`^STORE_URL redis://127\\.0\\.0\\.1:${port}: cannot reach Redis at 127\\.0\\.0\\.1:${port} \\(connect ECONNREFUSED .*\\)\\. Is Redis running there`),
    );
  });

  it('Postgres on a closed port: fails instead of reading nothing, with the password masked', async () => {
    const port = await freePort();
    const error = (await openStore(`postgres://bot:s3cret@127.0.0.1:${port}/threadline`).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(StoreUnreachableError);
    expect(error.message).toContain(`STORE_URL postgres://bot:****@127.0.0.1:${port}/threadline: cannot reach PostgreSQL at 127.0.0.1:${port} (connect ECONNREFUSED`);
    expect(error.message).not.toContain('s3cret');
  });

  it('a server that never answers: gives up after the timeout', async () => {
    const started = Date.now();
    const check = ensureReachable({ url: 'redis://cache.internal', service: 'Redis', defaultPort: 6379, probe: () => new Promise(() => {}), timeoutMs: 100 });
    await expect(check).rejects.toThrow('STORE_URL redis://cache.internal: cannot reach Redis at cache.internal:6379 (no answer within 0.1 s)');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe.each([['report'], ['customers', 'show', 'slack:T1:U1'], ['start']])('threadline %s with an unreachable STORE_URL', (...args) => {
  it('exits 1 with one line on stderr and no stack trace', async () => {
    const bot = startThreadline(args, { STORE_URL: `redis://127.0.0.1:${await freePort()}` });
    const exited = await Promise.race([bot.exited, new Promise((resolve) => setTimeout(resolve, 20_000, 'still running'))]);
    await bot.kill();
    expect(exited).toBe(1);
    expect(bot.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^threadline: STORE_URL redis:.* cannot reach Redis at .*Is Redis running there/)]);
  }, 30_000);
});

describe('a SQLite STORE_URL threadline cannot use', () => {
  const dir = mkdtempSync(join(tmpdir(), 'threadline-store-'));
  const fix = '— point it at a file in a folder threadline may write to, such as sqlite://./data/threadline.sqlite';

  it('a file that is no database, a folder that cannot be made, no file at all: each names STORE_URL, the cause and the fix, at once', async () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'not a database, just some notes that are long enough to have a header.\n'.repeat(20));
    await expect(openStore(`sqlite://${notes}`)).rejects.toThrow(`STORE_URL sqlite://${notes}: cannot use ${notes} as its database (SQLITE_NOTADB: file is not a database) ${fix}`);
    const under = join(notes, 'sub', 'store.sqlite'); // a file where the folder would have to be
    await expect(openStore(`sqlite://${under}`)).rejects.toThrow(new RegExp(`^STORE_URL sqlite://${under}: cannot create the folder ${join(notes, 'sub')} \\(ENOTDIR`));
    await expect(openStore('sqlite://')).rejects.toThrow(`STORE_URL sqlite://: it names no file ${fix}`);
  });
});
