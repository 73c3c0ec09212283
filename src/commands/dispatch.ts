/**
 * Which command runs, and help. Each command lives in src/commands/<name>.ts and exports its `USAGE` and
 * `run(args)` (resolving to the exit code); it is imported only when used, so `kb check` never loads the Slack
 * or Discord SDKs. `-h`/`--help` anywhere before `--` prints the command's USAGE and runs nothing.
 */
import { readFile } from 'node:fs/promises';

interface CommandModule {
  USAGE: string;
  run(args: string[]): Promise<number>;
}

interface Command {
  /** What `threadline --help` lists: each form with every option, then what it does. */
  forms: string[];
  summary: string;
  load(): Promise<CommandModule>;
}

export const COMMANDS: Record<string, Command> = {
  start: {
    forms: ['start'],
    summary: 'run the bot: Slack and/or Discord when their tokens are set, else the console chat',
    load: () => import('./start.js'),
  },
  chat: {
    forms: ['chat'],
    summary: 'the local console chat on the knowledge base, whatever tokens are set',
    load: () => import('./chat.js'),
  },
  kb: {
    forms: ['kb check [dir]'],
    summary: 'validate the knowledge files and print a summary',
    load: () => import('./kb.js'),
  },
  eval: {
    forms: ['eval <set-dir> [--json] [--calibrate] [--matcher lexical|hybrid]'],
    summary: 'measure matching on a labelled set',
    load: () => import('./eval.js'),
  },
  bench: {
    forms: ['bench [--sizes 1000,10000,50000] [--kinds lexical,hybrid]', 'bench --peers [--eval-dir <dir>] [--sets a,b]'],
    summary: 'matching speed at scale; quality and speed side by side with nlp.js',
    load: () => import('./bench.js'),
  },
  report: {
    forms: ['report [--days N | --since YYYY-MM-DD] [--until YYYY-MM-DD] [--json]'],
    summary: 'CES, deflection, handoffs and knowledge gaps (UTC days, both named days included)',
    load: () => import('./report.js'),
  },
  discord: {
    forms: ['discord register [--guild <server id> | --global]'],
    summary: 'register the Discord slash commands',
    load: () => import('./discord.js'),
  },
  customers: {
    forms: ['customers find <name, email or id>', 'customers show <identity>', 'customers link <identity> <identity>', 'customers export <identity>', 'customers forget <identity> [--yes]'],
    summary: 'find, look up, join, export or erase a person (identity: platform:workspace:user)',
    load: () => import('./customers.js'),
  },
};

export function topLevelUsage(): string {
  const lines = ['usage: threadline <command> [options]   (threadline <command> --help: that command in detail; threadline --version)', ''];
  for (const { forms, summary } of Object.values(COMMANDS)) lines.push(...forms.map((form) => `  threadline ${form}`), `      ${summary}`);
  return lines.join('\n');
}

/** -h or --help among the arguments (those after `--` are left to the command). */
export function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '-h' || a === '--help');
}

/** `threadline <argv>`: the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name = 'start', ...args] = argv;
  if (name === 'help' || wantsHelp([name])) {
    console.log(topLevelUsage());
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    console.log(`threadline ${await ownVersion()}`);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    console.error(`threadline: unknown command "${name}"\n\n${topLevelUsage()}`);
    return 2;
  }
  const command = await COMMANDS[name]!.load();
  if (wantsHelp(args)) {
    console.log(command.USAGE);
    return 0;
  }
  return command.run(args);
}

/** The version in threadline's own package.json (the one beside src/, wherever it is run from). */
async function ownVersion(): Promise<string> {
  const file = new URL('../../package.json', import.meta.url);
  return (JSON.parse(await readFile(file, 'utf8')) as { version?: string }).version ?? 'unknown';
}
