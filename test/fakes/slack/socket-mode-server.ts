import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';

export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

/** What the client sends back for an envelope: Bolt's ack() body ends up in `payload` ({} when empty). */
export interface SocketModeAck {
  envelope_id: string;
  payload?: unknown;
}

export interface EnvelopeOptions {
  /** How long to wait for the ack (default 3000 ms, Slack's own limit). */
  timeoutMs?: number;
  /** Default: true for slash commands and view submissions, false otherwise (as Slack sends them). */
  acceptsResponsePayload?: boolean;
  /** events_api only: redelivery count and reason (Bolt exposes them as context.retryNum / retryReason). */
  retryAttempt?: number;
  retryReason?: string;
}

interface PendingAck {
  resolve: (ack: SocketModeAck) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Slack's Socket Mode side: single-use URLs from apps.connections.open, a hello on connect,
 * envelopes out and acks back. Pings from the client are answered by `ws` itself.
 */
export class FakeSocketMode {
  /** Every JSON message a client sent (acks included), in order. */
  readonly received: unknown[] = [];
  /** Close codes of finished connections (1000 after a clean app.stop()). */
  readonly closes: Array<{ code: number; reason: string }> = [];
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private readonly pendingAcks = new Map<string, PendingAck>();
  private readonly stateListeners = new Set<() => void>();

  constructor(
    private readonly appId: string,
    private readonly wsBaseUrl: () => string,
  ) {}

  /** A fresh URL, valid for one connection (what apps.connections.open returns). */
  issueUrl(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${this.wsBaseUrl()}/link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  get openConnections(): number {
    return [...this.sockets].filter((socket) => socket.readyState === socket.OPEN).length;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  /**
   * Resolves once a socket is open here and hello was sent. The client may not have handled hello yet:
   * to know that, wait for the SocketModeClient's 'connected' event (receiver.client.once('connected')).
   */
  waitForConnection(timeoutMs = 2000): Promise<void> {
    return this.waitFor(() => this.openConnections > 0, timeoutMs, 'a Socket Mode connection');
  }

  /** Resolves once no client is connected, e.g. after app.stop(). */
  waitForNoConnections(timeoutMs = 2000): Promise<void> {
    return this.waitFor(() => this.sockets.size === 0, timeoutMs, 'all Socket Mode clients to disconnect');
  }

  /** Sends an envelope on the newest connection and resolves with the client's ack. */
  sendEnvelope(type: EnvelopeType, payload: unknown, options: EnvelopeOptions = {}): Promise<SocketModeAck> {
    const socket = this.newestOpenSocket();
    if (socket === undefined) return Promise.reject(new Error('No open Socket Mode connection'));
    const envelopeId = randomUUID();
    const envelope = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: options.acceptsResponsePayload ?? acceptsResponsePayload(type, payload),
      ...(type === 'events_api'
        ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' }
        : {}),
    };
    const timeoutMs = options.timeoutMs ?? 3000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingAcks.delete(envelopeId);
        reject(new Error(`No ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pendingAcks.set(envelopeId, { resolve, reject, timer });
      socket.send(JSON.stringify(envelope));
    });
  }

  /** Asks clients to reconnect, as Slack does before recycling a server ('refresh_requested', 'warning', …). */
  sendDisconnect(reason = 'refresh_requested'): void {
    const message = JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake' } });
    for (const socket of this.sockets) socket.send(message);
  }

  /** Forgets received messages and close codes (connections stay open). */
  clearRecords(): void {
    this.received.length = 0;
    this.closes.length = 0;
  }

  async close(): Promise<void> {
    for (const [envelopeId, pending] of this.pendingAcks) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`Fake Socket Mode closed before envelope ${envelopeId} was acked`));
    }
    this.pendingAcks.clear();
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.stateListeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.stateListeners.delete(check);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.stateListeners.add(check);
    });
  }

  private notifyStateChange(): void {
    for (const listener of [...this.stateListeners]) listener();
  }

  private onConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', (code: number, reason: Buffer) => {
      this.sockets.delete(socket);
      this.closes.push({ code, reason: reason.toString() });
      this.notifyStateChange();
    });
    socket.on('message', (data: RawData) => this.onMessage(data));
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.notifyStateChange();
  }

  private onMessage(data: RawData): void {
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    this.received.push(message);
    const envelopeId = (message as { envelope_id?: unknown }).envelope_id;
    const pending = typeof envelopeId === 'string' ? this.pendingAcks.get(envelopeId) : undefined;
    if (pending === undefined) return;
    clearTimeout(pending.timer);
    this.pendingAcks.delete(envelopeId as string);
    pending.resolve(message as SocketModeAck);
  }

  private newestOpenSocket(): WebSocket | undefined {
    return [...this.sockets].reverse().find((socket) => socket.readyState === socket.OPEN);
  }
}

function acceptsResponsePayload(type: EnvelopeType, payload: unknown): boolean {
  if (type === 'slash_commands') return true;
  const payloadType = (payload as { type?: unknown } | undefined)?.type;
  return type === 'interactive' && (payloadType === 'view_submission' || payloadType === 'block_suggestion');
}
