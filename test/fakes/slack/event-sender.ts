import { createSlackFixtures, type SlackFixtures } from './fixtures.js';
import type { EventCallbackFixture, SlackEventFixture } from './fixtures-events.js';
import { signSlackRequest } from './signing.js';

export interface SendOptions {
  /** Sign with the wrong secret (Bolt answers 401). */
  badSignature?: boolean;
  /** Sign with a timestamp six minutes old (Bolt allows five; answers 401). */
  stale?: boolean;
  /** Exact X-Slack-Request-Timestamp in seconds (overrides `stale`). */
  timestamp?: number;
  /** Redelivery headers Slack adds when the first delivery failed or was slow. */
  retryNum?: number;
  retryReason?: 'http_timeout' | 'http_error' | 'too_many_redirects' | 'ssl_error' | 'unknown_error' | string;
  headers?: Record<string, string>;
}

export interface SlackHttpResponse {
  status: number;
  /** Parsed JSON when the app answered JSON, text otherwise ('' for an empty body). */
  body: unknown;
  headers: Record<string, string>;
}

export interface SlackEventSenderOptions {
  /** The app's request URL, e.g. `http://127.0.0.1:${port}/slack/events`. */
  url: string;
  signingSecret: string;
  /** Used to wrap bare events into an event_callback envelope. */
  fixtures?: SlackFixtures;
}

const STALE_BY_SECONDS = 6 * 60;

/** Posts signed requests to a Bolt app the way Slack's servers do. */
export class SlackEventSender {
  private readonly fixtures: SlackFixtures;

  constructor(private readonly options: SlackEventSenderOptions) {
    this.fixtures = options.fixtures ?? createSlackFixtures();
  }

  /** An Events API delivery; a bare event is wrapped in a fresh event_callback envelope. */
  sendEvent(event: SlackEventFixture | EventCallbackFixture, options?: SendOptions): Promise<SlackHttpResponse> {
    const envelope = event.type === 'event_callback' ? event : this.fixtures.eventCallback(event);
    return this.post(JSON.stringify(envelope), 'application/json', options);
  }

  sendUrlVerification(challenge = 'fake-challenge', options?: SendOptions): Promise<SlackHttpResponse> {
    const body = { token: 'fake-verification-token', challenge, type: 'url_verification' };
    return this.post(JSON.stringify(body), 'application/json', options);
  }

  /** block_actions, view_submission, …: form-encoded `payload=<json>`. */
  sendInteraction(payload: object, options?: SendOptions): Promise<SlackHttpResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', options);
  }

  /** A slash command: its fields, form-encoded. */
  sendCommand(fields: Record<string, string | undefined>, options?: SendOptions): Promise<SlackHttpResponse> {
    const defined = Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined);
    return this.post(new URLSearchParams(defined).toString(), 'application/x-www-form-urlencoded', options);
  }

  /**
   * The lowest level: a raw body with this exact Content-Type. Bolt compares it verbatim, so
   * 'application/x-www-form-urlencoded; charset=utf-8' would be parsed as JSON and answered 400.
   */
  async post(rawBody: string, contentType: string, options: SendOptions = {}): Promise<SlackHttpResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000) - (options.stale ? STALE_BY_SECONDS : 0);
    const secret = options.badSignature ? `${this.options.signingSecret}-wrong` : this.options.signingSecret;
    const headers: Record<string, string> = {
      'Content-Type': contentType,
      ...signSlackRequest(secret, rawBody, timestamp),
      ...(options.retryNum === undefined ? {} : { 'X-Slack-Retry-Num': String(options.retryNum) }),
      ...(options.retryReason === undefined ? {} : { 'X-Slack-Retry-Reason': options.retryReason }),
      ...options.headers,
    };
    const response = await fetch(this.options.url, { method: 'POST', headers, body: rawBody });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    return {
      status: response.status,
      body: isJson && text !== '' ? JSON.parse(text) : text,
      headers: Object.fromEntries(response.headers.entries()),
    };
  }
}
