/** Resolves once a log line matches; deterministic evidence that some work was done (or deliberately skipped). */
export async function waitForLog(logs: string[], pattern: RegExp, timeoutMs = 3000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const line = logs.find((l) => pattern.test(l));
    if (line) return line;
    if (Date.now() - started > timeoutMs) throw new Error(`no log line matched ${pattern}; got:\n${logs.slice(-20).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Polls a condition (e.g. a stored conversation's state) until it holds. */
export async function waitUntil<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 3000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
