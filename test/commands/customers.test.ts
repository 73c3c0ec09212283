import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';

const root = join(import.meta.dirname, '..', '..');
const exec = promisify(execFile);

describe('threadline customers', () => {
  it('links a Slack and a Discord identity into one profile', async () => {
    const storeUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), 'threadline-cust-')), 's.sqlite')}`;
    const store = await openStore(storeUrl);
    await store.customers.upsert({ platform: 'slack', workspaceId: 'T1', id: 'U1', displayName: 'Dana', isAgent: false });
    await store.customers.upsert({ platform: 'discord', workspaceId: 'G1', id: '42', displayName: 'dana_d', isAgent: false });
    await store.close();

    const env = { ...process.env, STORE_URL: storeUrl };
    const { stdout } = await exec('node', [join(root, 'bin/threadline.js'), 'customers', 'link', 'slack:T1:U1', 'discord:G1:42'], { cwd: root, env });
    expect(stdout).toContain('identities: slack:T1:U1, discord:G1:42');

    const shown = await exec('node', [join(root, 'bin/threadline.js'), 'customers', 'show', 'discord:G1:42'], { cwd: root, env });
    expect(shown.stdout).toMatch(/^Dana \(profile [0-9a-f-]+\)/);

    const missing = await exec('node', [join(root, 'bin/threadline.js'), 'customers', 'show', 'slack:T1:NOPE'], { cwd: root, env }).catch((e: { code: number; stderr: string }) => e);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('no customer has the identity slack:T1:NOPE') });
  });
});
