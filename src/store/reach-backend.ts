/** How long the first round trip to a Redis or Postgres store may take before start-up gives up. */
export const REACH_TIMEOUT_MS = 5000;

/** A server store (Redis, PostgreSQL) did not answer when threadline opened it. */
export class StoreUnreachableError extends Error {
  override name = 'StoreUnreachableError';
}

export interface ReachCheck {
  url: string;
  /** 'Redis' or 'PostgreSQL', as the user knows it. */
  service: string;
  defaultPort: number;
  /** One round trip (PING, SELECT 1); rejects with the driver's error. */
  probe: () => Promise<unknown>;
  timeoutMs?: number;
}

/**
 * Resolves once `probe` answers. Otherwise rejects with one line that names STORE_URL (password masked), the
 * host:port, the cause and the fix: left alone, Redis retries forever in silence and Postgres fails every read
 * quietly, so the bot would look fine while storing nothing.
 */
export async function ensureReachable({ url, service, defaultPort, probe, timeoutMs = REACH_TIMEOUT_MS }: ReachCheck): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([probe(), timedOut]);
  } catch (error) {
    throw new StoreUnreachableError(
      `STORE_URL ${maskPassword(url)}: cannot reach ${service} at ${hostPort(url, defaultPort)} (${causeOf(error)}). ` +
        `Is ${service} running there and does STORE_URL name it (host, port, user, password)?`,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** The URL as it may be printed: any password becomes ****. */
export function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '****';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:****@');
  }
}

function hostPort(url: string, defaultPort: number): string {
  try {
    const { hostname, port } = new URL(url);
    return `${hostname || 'localhost'}:${port || defaultPort}`;
  } catch {
    return 'the address in STORE_URL';
  }
}

/** Node reports a refused "localhost" (tried as ::1 and 127.0.0.1) as an AggregateError with no message. */
function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error instanceof AggregateError ? (error.errors[0] as Error | undefined) : undefined;
  return error.message || inner?.message || (error as { code?: string }).code || error.name;
}
