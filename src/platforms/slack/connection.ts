import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App as BoltApp, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { boltLogger } from './bolt-logger.js';
import { errorText } from './people.js';

/**
 * Web API retries: 429s wait Retry-After (the WebClient does that) plus a short backoff; 5xx and network
 * errors get a few quick tries. The default policy would add 1–2 s to every rate-limited reply.
 */
export const RETRY_POLICY: webApi.RetryOptions = { retries: 4, factor: 2, minTimeout: 100, maxTimeout: 2000, randomize: true };
const REQUEST_TIMEOUT_MS = 15_000;
/** How long stop() waits for a Socket Mode reconnect to finish: stopping half-way crashes the SDK. */
const RECONNECT_GRACE_MS = 10_000;

export interface ListenOptions {
  /** HTTP mode: the port (default PORT); 0 picks a free one. */
  port?: number;
  host?: string;
  /** Socket Mode: the client's ping timeout, which also paces reconnects (SDK default 5000 ms). */
  socketPingTimeoutMs?: number;
}

export interface SlackConnection {
  bolt: BoltApp;
  mode: 'http' | 'socket';
  /** Starts receiving; HTTP mode resolves with the port it listens on. */
  start(): Promise<number | undefined>;
  stop(): Promise<void>;
}

/** A Bolt app for HTTP (Events API, signatures verified) or Socket Mode, checked against Slack before use. */
export async function connectSlack(config: Config, logger: Logger, listen: ListenOptions = {}): Promise<SlackConnection> {
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new Error('SLACK_BOT_TOKEN is not set');
  const mode = config.slackMode ?? 'http';
  const log = boltLogger(logger, config.LOG_LEVEL);
  // No `headers` here: in Socket Mode they would replace the app token on apps.connections.open.
  const clientOptions: webApi.WebClientOptions = { slackApiUrl: config.SLACK_API_URL, retryConfig: RETRY_POLICY, timeout: REQUEST_TIMEOUT_MS };
  const common = { token, logger: log, clientOptions, deferInitialization: true, convoStore: false as const };

  const receiver = mode === 'socket' ? new SocketModeReceiver({ appToken: requireSetting(config.SLACK_APP_TOKEN, 'SLACK_APP_TOKEN'), logger: log, clientPingTimeout: listen.socketPingTimeoutMs, installerOptions: { clientOptions } }) : undefined;
  const bolt = receiver
    ? new BoltApp({ ...common, receiver, socketMode: true })
    : new BoltApp({ ...common, signingSecret: requireSetting(config.SLACK_SIGNING_SECRET, 'SLACK_SIGNING_SECRET'), customRoutes: [HEALTH_ROUTE] });
  bolt.client.on(webApi.WebClientEvent.RATE_LIMITED, (seconds: number, { url }: { url: string }) => logger.warn('slack: rate limited; retrying', { retryAfterSeconds: seconds, method: url.split('/').at(-1) }));

  try {
    await bolt.init(); // auth.test: a bad token fails here, not silently on every event
  } catch (error) {
    throw new Error(explainAuthFailure(error, config.SLACK_API_URL ?? SLACK_API));
  }

  if (!receiver) {
    return {
      bolt,
      mode,
      async start() {
        const server = (await bolt.start({ port: listen.port ?? config.PORT, host: listen.host })) as Server;
        return (server.address() as AddressInfo).port;
      },
      stop: () => bolt.stop().then(() => undefined),
    };
  }

  const client = receiver.client;
  let connected = false;
  client.on('connected', () => void (connected = true));
  client.on('reconnecting', () => void (connected = false));
  client.on('connecting', () => void (connected = false));
  return {
    bolt,
    mode,
    async start() {
      await bolt.start();
      return undefined;
    },
    async stop() {
      if (!connected) {
        logger.info('slack: waiting for the Socket Mode reconnect to finish before stopping');
        await waitForEvent(client, 'connected', RECONNECT_GRACE_MS);
      }
      await client.disconnect();
    },
  };
}

/** For load balancers and uptime checks in HTTP mode: answering means the process is up and serving. */
const HEALTH_ROUTE = {
  path: '/healthz',
  method: ['GET'],
  handler: (_req: unknown, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true }));
  },
};

function requireSetting(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function waitForEvent(emitter: { once(event: string, listener: () => void): unknown; off(event: string, listener: () => void): unknown }, event: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      emitter.off(event, done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    emitter.once(event, done);
  });
}

const SLACK_API = 'https://slack.com/api/';

/** A token Slack refused and a Slack that could not be reached need different fixes. */
function explainAuthFailure(error: unknown, where: string): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const apiUrl = where === SLACK_API ? undefined : where; // only a changed SLACK_API_URL is worth checking
  if (code === webApi.ErrorCode.RequestError) {
    const cause = (error as { original?: { cause?: { code?: string } } }).original?.cause?.code;
    return `Could not reach Slack at ${where} (auth.test: ${errorText(error)}${cause ? `, ${cause}` : ''}); check the network or proxy${apiUrl ? ' and SLACK_API_URL' : ''}`;
  }
  if (code === webApi.ErrorCode.HTTPError) {
    return `Slack at ${where} answered auth.test with ${errorText(error)}; check SLACK_API_URL, or try again if Slack is having trouble`;
  }
  return `Slack did not accept SLACK_BOT_TOKEN (auth.test: ${errorText(error)}); copy the Bot User OAuth Token (xoxb-…) again from your app's OAuth & Permissions page${apiUrl ? ' and check SLACK_API_URL' : ''}`;
}
