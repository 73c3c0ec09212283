// `-h`/`--help` on every command prints that command's usage and exits 0 without running it, and
// `threadline --help` lists every command with every form and option the commands themselves accept.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS, main, topLevelUsage } from '../../src/commands/dispatch.js';
import { startThreadline } from '../helpers/child-process.js';

let printed: string[];
beforeEach(() => {
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void printed.push(`stderr: ${String(line)}`));
});
afterEach(() => vi.restoreAllMocks());

const usageOf = async (name: string) => (await COMMANDS[name]!.load()).USAGE;

/** Each command with the arguments a user would have typed before asking for help. */
const asked: Array<[string, string[]]> = [
  ['start', []], ['chat', []], ['kb', ['check']], ['kb', ['check', './knowledge']], ['eval', ['some-set', '--json']], ['bench', ['--peers']],
  ['report', ['--since', '2026-12-01']], ['discord', ['register']], ['discord', ['register', '--guild', '123']],
  ['customers', []], ['customers', ['show']], ['customers', ['forget', 'slack:T1:U1']],
];

describe('help for one command', () => {
  it.each(asked)('threadline %s %j --help / -h prints its usage and exits 0', async (name, before) => {
    for (const flag of ['--help', '-h']) {
      printed = [];
      expect(await main([name, ...before, flag])).toBe(0);
      expect(printed).toEqual([await usageOf(name)]);
    }
  });

  it('every listed command has usage text that starts with "usage: threadline <command>"', async () => {
    for (const name of Object.keys(COMMANDS)) expect(await usageOf(name)).toMatch(new RegExp(`^usage: threadline ${name}\\b`));
  });
});

describe('threadline --help', () => {
  it.each([['--help'], ['-h'], ['help']])('%s prints the list and exits 0', async (flag) => {
    expect(await main([flag])).toBe(0);
    expect(printed).toEqual([topLevelUsage()]);
  });

  it.each([['--version'], ['-v'], ['version']])('%s prints the version from package.json and exits 0', async (flag) => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await main([flag])).toBe(0);
    expect(printed).toEqual([`threadline ${version}`]);
  });

  it.each(Object.keys(COMMANDS))('lists every subcommand and option that %s --help names', async (name) => {
    const usage = await usageOf(name);
    const list = topLevelUsage();
    for (const [, sub] of usage.matchAll(new RegExp(`threadline ${name} ([a-z]+)`, 'g'))) expect(list).toContain(`threadline ${name} ${sub}`);
    for (const [option] of usage.matchAll(/--[a-z][a-z-]*/g)) expect(list).toMatch(new RegExp(`threadline ${name}\\b.*${option}\\b`));
  });
});

describe('help from the command line', () => {
  it('threadline start --help prints the usage instead of starting the chat', async () => {
    const bot = startThreadline(['start', '--help'], { STORE_URL: 'memory://' }); // stdin stays open: a chat would wait
    let stdout = '';
    bot.child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    const exited = await Promise.race([bot.exited, new Promise((resolve) => setTimeout(resolve, 15_000, 'still running'))]);
    await bot.kill();
    expect(exited).toBe(0);
    expect(stdout).toMatch(/^usage: threadline start/);
  }, 20_000);
});
