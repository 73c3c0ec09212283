import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { newConversation } from '../../src/engine/conversation.js';
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

    const again = await exec('node', [join(root, 'bin/threadline.js'), 'customers', 'link', 'discord:G1:42', 'slack:T1:U1'], { cwd: root, env });
    expect(again.stdout).toMatch(/^already one profile:\nDana/);

    const shown = await exec('node', [join(root, 'bin/threadline.js'), 'customers', 'show', 'discord:G1:42'], { cwd: root, env });
    expect(shown.stdout).toMatch(/^Dana \(profile [0-9a-f-]+\)/);

    const missing = await exec('node', [join(root, 'bin/threadline.js'), 'customers', 'show', 'slack:T1:NOPE'], { cwd: root, env }).catch((e: { code: number; stderr: string }) => e);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('no customer has the identity slack:T1:NOPE') });
  });

  it('finds profiles by name, email or identity, so an admin can learn the identity to use', async () => {
    const storeUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), 'threadline-find-')), 's.sqlite')}`;
    const store = await openStore(storeUrl);
    await store.customers.upsert({ platform: 'slack', workspaceId: 'T1', id: 'U1', displayName: 'Dana Reyes', email: 'dana@example.com', isAgent: false });
    await store.customers.upsert({ platform: 'discord', workspaceId: 'G1', id: '42', displayName: 'casey', isAgent: false });
    await store.close();
    const env = { ...process.env, STORE_URL: storeUrl };
    const cli = (...args: string[]) => exec('node', [join(root, 'bin/threadline.js'), 'customers', ...args], { cwd: root, env }).catch((e: { code: number; stdout: string; stderr: string }) => e);

    const byName = await cli('find', 'dana');
    expect(byName.stdout).toMatch(/^Dana Reyes <dana@example.com> \(profile [0-9a-f-]+\)\n {2}identities: slack:T1:U1/);
    expect(byName.stdout).not.toContain('casey');
    expect((await cli('find', 'discord:G1')).stdout).toContain('identities: discord:G1:42');
    expect(await cli('find', 'nobody')).toMatchObject({ code: 1, stderr: expect.stringContaining('no customer\'s name, email or identity contains "nobody"') });
  });

  it.each([
    [[], 'say what to do: find, show, link, export or forget'],
    [['list'], 'unknown command "list"'],
    [['link', 'slack:T1:U1'], 'link takes two identities, got 1'],
    [['show', 'dana'], '"dana" is not an identity (platform:workspace:user); `threadline customers find dana` looks it up'],
    [['show', 'slack:T1:U1', '--yes'], '--yes only goes with forget'],
    [['link', 'slack:T1:U1', 'slack:T1:U1'], 'link joins two different identities; both are slack:T1:U1'],
  ])('threadline customers %j says what is wrong before the usage, and exits 2', async (args, problem) => {
    const failed = await exec('node', [join(root, 'bin/threadline.js'), 'customers', ...args], { cwd: root }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining(`threadline customers: ${problem}`) });
    expect((failed as { stderr: string }).stderr).toContain('usage: threadline customers find');
  });

  it('exports everything about a person as JSON, and erases them on request, keeping the scores reports count', async () => {
    const storeUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), 'threadline-erase-')), 's.sqlite')}`;
    const store = await openStore(storeUrl);
    const now = new Date();
    const person = { platform: 'slack' as const, workspaceId: 'T1', id: 'U7', displayName: 'Casey', email: 'casey@example.com', isAgent: false };
    const casey = await store.customers.upsert(person, now);
    const conversation = newConversation({ platform: 'slack', workspaceId: 'T1', channelId: 'C1', threadId: '1.1' }, casey, 'my card number 4111 was charged twice', now);
    conversation.state = 'surveyed';
    conversation.transcript.push({ at: now.toISOString(), from: 'customer', text: 'my card number 4111 was charged twice' });
    casey.conversationIds.push(conversation.id);
    await store.customers.save(casey);
    await store.conversations.save(conversation);
    await store.surveys.save({ conversationId: conversation.id, round: 1, customerId: casey.id, score: 2, comment: 'call me on 555-0100', platform: 'slack', resolvedBy: 'agent', at: now.toISOString() });
    await store.events.append('conversation.opened', { at: now, conversationId: conversation.id, platform: 'slack', data: { question: conversation.question } });
    await store.events.append('survey.answered', { at: now, conversationId: conversation.id, platform: 'slack', data: { round: 1, score: 2 } });
    await store.events.append('survey.comment', { at: now, conversationId: conversation.id, platform: 'slack', data: { round: 1, score: 2, comment: 'call me on 555-0100' } });
    await store.close();

    const env = { ...process.env, STORE_URL: storeUrl };
    const cli = (...args: string[]) => exec('node', [join(root, 'bin/threadline.js'), ...args], { cwd: root, env }).catch((e: { code: number; stdout: string; stderr: string }) => e);

    const exported = JSON.parse((await exec('node', [join(root, 'bin/threadline.js'), 'customers', 'export', 'slack:T1:U7'], { cwd: root, env })).stdout) as Record<string, unknown[]>;
    expect(exported).toMatchObject({ profile: { displayName: 'Casey', email: 'casey@example.com' }, conversations: [{ question: 'my card number 4111 was charged twice' }], cesAnswers: [{ score: 2, comment: 'call me on 555-0100' }] });
    expect(exported.events).toHaveLength(3);

    // without --yes it only says what would go
    expect((await cli('customers', 'forget', 'slack:T1:U7')).stdout).toContain('Run again with --yes to erase them.');
    expect((await cli('customers', 'show', 'slack:T1:U7')).stdout).toMatch(/^Casey <casey@example.com>/);

    const erasing = await cli('customers', 'forget', 'slack:T1:U7', '--yes');
    expect(erasing.stdout).toContain('Erased: 1 conversations deleted, 1 CES answers anonymised (scores kept), 2 events redacted.');
    expect(await cli('customers', 'show', 'slack:T1:U7')).toMatchObject({ code: 1 });

    const after = await openStore(storeUrl);
    try {
      expect(await after.conversations.get(conversation.id)).toBeUndefined();
      const answers = [];
      for await (const answer of after.surveys.all()) answers.push(answer);
      expect(answers).toEqual([expect.objectContaining({ score: 2, customerId: 'erased' })]);
      expect(answers[0]).not.toHaveProperty('comment');
      const stored = JSON.stringify(await after.events.list());
      expect(stored).not.toMatch(/4111|555-0100/);
      expect(await after.customers.upsert(person)).not.toMatchObject({ id: casey.id }); // coming back is a new person
    } finally {
      await after.close();
    }
    const report = JSON.parse((await cli('report', '--json')).stdout) as { ces: { count: number; mean: number } };
    expect(report.ces).toMatchObject({ count: 1, mean: 2 });
  });
});
