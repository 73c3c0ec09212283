import { main } from './commands/dispatch.js';
import { ConfigError } from './config.js';

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
