import { ConfigError } from './config.js';

/**
 * `threadline <command> [args]`. Each command lives in src/commands/<name>.ts and exports
 * `run(args: string[]): Promise<number>` (the exit code); it is imported only when used, so
 * `kb check` never loads the Slack or Discord SDKs.
 */
const COMMANDS: Record<string, { file: string; summary: string }> = {
  start: { file: 'start', summary: 'run the bot: Slack and/or Discord when tokens are set, else a local console chat' },
  chat: { file: 'chat', summary: 'local console chat on the knowledge base (no tokens needed)' },
  kb: { file: 'kb', summary: 'kb check [dir]: validate knowledge files and print a summary' },
  eval: { file: 'eval', summary: 'eval <set-dir> [--json] [--calibrate]: measure matching on a labelled set' },
  bench: { file: 'bench', summary: 'bench [--peers]: matching speed at scale / side by side with nlp.js' },
  report: { file: 'report', summary: 'report [--days N] [--json]: CES, deflection and knowledge gaps' },
  discord: { file: 'discord', summary: 'discord register: register slash commands' },
  customers: { file: 'customers', summary: 'customers link <identity> <identity>: join two platform identities into one profile' },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return ['usage: threadline <command> [options]', '', ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name = 'start', ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    console.log(usage());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`threadline: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const module = (await import(`./commands/${command.file}.js`)) as { run(args: string[]): Promise<number> };
  return module.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error instanceof Error ? `threadline: ${error.message}` : error);
    process.exitCode = 1;
  },
);

