import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** A port nobody listens on right now (for the app's HTTP listener in a child process). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Polls until `check` holds; the error says what was awaited and what there was instead. */
export async function waitFor(check: () => boolean, what: () => string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface Started {
  child: ChildProcessWithoutNullStreams;
  /** Everything the process wrote to stderr (its log) so far. */
  stderr(): string;
  exited: Promise<number | null>;
  /** SIGKILL if still running; resolves when it is gone. */
  kill(): Promise<unknown>;
}

/** `threadline <args>` from the repo root with exactly this environment (plus PATH), as a user would run it. */
export function startThreadline(args: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['bin/threadline.js', ...args], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stderr: () => stderr,
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}
