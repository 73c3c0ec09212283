import { main } from './commands/dispatch.js';
import { ConfigError } from './config.js';

// `threadline kb check | head`: the reader left; stop quietly instead of dying on an unhandled EPIPE
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

/** `threadline <command> [args]`: runs the command (src/commands/dispatch.ts); a thrown error is one line, no stack. */
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error instanceof Error ? `threadline: ${error.message}` : error);
    process.exitCode = 1;
  },
);
