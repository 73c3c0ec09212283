import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Runs `threadline <args>` as a user would, with piped stdin and no platform tokens. */
function threadline(args: string[], input: string, storeUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [join(root, 'bin/threadline.js'), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, STORE_URL: storeUrl, THREADLINE_CONSOLE_NAME: 'Dana', MATCHER: 'lexical' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('npm start with no tokens: the console chat, scripted through stdin', () => {
  it('question → answer → Solved → CES 6, and the report shows it', async () => {
    const store = `sqlite://${join(mkdtempSync(join(tmpdir(), 'threadline-console-')), 'store.sqlite')}`;
    const { code, stdout, stderr } = await threadline(['start'], 'How do I reset my password?\nsolved\n6\n', store);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('threadline console — Brightloom support');
    expect(stdout).toMatch(/bot> Here's what I found:\n\s+Reset your password\n/);
    expect(stdout).toContain('[Solved] [Talk to a person]');
    expect(stdout).toContain('bot> Great, glad that\'s sorted!');
    expect(stdout).toContain('Brightloom made it easy for me to handle my issue.');
    expect(stdout).toContain('[1] [2] [3] [4] [5] [6] [7]');
    expect(stdout).toContain('Thanks for rating us 6/7!');

    const report = await threadline(['report', '--json'], '', store);
    expect(report.code).toBe(0);
    const figures = JSON.parse(report.stdout.trim().split('\n').at(-1)!);
    expect(figures.ces).toEqual({ count: 1, mean: 6, agree: 1, net: 1 });
    expect(figures).toMatchObject({ conversations: 1, resolved: 1, deflection: 1, handoffs: 0 });
    expect(figures.cesByArticle['reset-password']).toMatchObject({ count: 1 });
  });

  it('question → handoff → agent claims → resolves → CES 2 with a comment → alert', async () => {
    const store = `sqlite://${join(mkdtempSync(join(tmpdir(), 'threadline-console-')), 'store.sqlite')}`;
    const script = ["I'd like to talk to a human about my account", '/agent', 'claim', 'resolve', '/customer', '2', 'Nobody answered for two days', ''].join('\n');
    const { code, stdout, stderr } = await threadline(['start'], script, store);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/bot> I'm handing this to our support team\. A person will reply in this thread/);
    expect(stdout).toMatch(/\[support agents\] Handoff to support \(Waiting for an agent\): The customer asked for a person\./);
    expect(stdout).toContain('Customer: Dana on console');
    expect(stdout).toContain(`Question: "I'd like to talk to a human about my account"`);
    expect(stdout).toContain('[Claim] [Resolve]');
    expect(stdout).toContain('(packet updated) Claimed by Console Agent');
    expect(stdout).toContain('bot> Console Agent from our support team is looking at this now.');
    expect(stdout).toContain('bot> Console Agent marked this as resolved.');
    expect(stdout).toContain('Tell us more: What made this hard? (optional)');
    expect(stdout).toContain('[support agents] Low effort score: Dana rated 2/7 (Disagree) after talking to the support team.');
    // the comment prompt comes after the thanks: it is what the next line answers
    expect(stdout.indexOf('Tell us more:')).toBeGreaterThan(stdout.indexOf('Thanks for rating us 2/7'));
    expect(stdout).toContain('(alert updated) Low effort score: Dana rated 2/7 (Disagree)');
    expect(stdout).toContain('Comment: "Nobody answered for two days"');

    const report = JSON.parse((await threadline(['report', '--json'], '', store)).stdout.trim().split('\n').at(-1)!);
    expect(report.ces).toEqual({ count: 1, mean: 2, agree: 0, net: -1 });
    expect(report).toMatchObject({ conversations: 1, resolved: 1, deflection: 0, handoffs: 1, handoffsByReason: { 'asked-for-person': 1 } });
  });
});
