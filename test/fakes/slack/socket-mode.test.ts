// The fake's Socket Mode side, seen by a raw WebSocket client and by Bolt's SocketModeReceiver.
import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FakeSlack } from './index.js';

const APP_TOKEN = 'xapp-app';

async function openSocketUrl(fake: FakeSlack): Promise<string> {
  const response = await fetch(`${fake.apiUrl}apps.connections.open`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${APP_TOKEN}` },
  });
  const body = (await response.json()) as { ok: boolean; url: string };
  expect(body.ok).toBe(true);
  return body.url;
}

function connect(url: string): Promise<{ socket: WebSocket; hello: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('message', (data) => resolve({ socket, hello: JSON.parse(data.toString()) }));
    socket.once('error', reject);
  });
}

describe('FakeSlack Socket Mode', () => {
  let fake: FakeSlack;

  beforeEach(async () => {
    fake = await FakeSlack.start();
  });

  afterEach(async () => {
    await fake.close();
  });

  it('greets with hello and accepts each apps.connections.open URL once', async () => {
    const url = await openSocketUrl(fake);
    expect(url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/link/\\?ticket=.+&app_id=${fake.config.appId}$`));
    const { socket, hello } = await connect(url);
    expect(hello).toMatchObject({ type: 'hello', num_connections: 1, connection_info: { app_id: fake.config.appId } });
    await expect(connect(url)).rejects.toThrow('401');
    socket.close();
  });

  it('resolves sendEnvelope with the client ack and rejects when none comes in time', async () => {
    const { socket } = await connect(await openSocketUrl(fake));
    socket.on('message', (data) => {
      const envelope = JSON.parse(data.toString()) as { envelope_id: string; type: string; payload: { text?: string } };
      if (envelope.type === 'slash_commands') {
        socket.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: { text: `ack ${envelope.payload.text}` } }));
      }
    });
    const ack = await fake.socketMode.sendEnvelope('slash_commands', fake.fixtures.slashCommandBody({ text: 'queue' }));
    expect(ack).toEqual({ envelope_id: expect.any(String), payload: { text: 'ack queue' } });
    await expect(fake.socketMode.sendEnvelope('events_api', {}, { timeoutMs: 50 })).rejects.toThrow('No ack');
    socket.close();
  });

  it('makes a Bolt client reconnect after a disconnect message', async () => {
    // clientPingTimeout also sets the reconnect delay (default 5 s); App() cannot pass it, a receiver can.
    const receiver = new SocketModeReceiver({
      appToken: APP_TOKEN,
      clientPingTimeout: 300,
      logLevel: LogLevel.ERROR,
      installerOptions: { clientOptions: { slackApiUrl: fake.apiUrl } },
    });
    const app = new App({ token: 'xoxb-bot', receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.apiUrl } });
    await app.start();

    const reconnected = new Promise((resolve) => receiver.client.once('connected', resolve));
    fake.socketMode.sendDisconnect('refresh_requested');
    await reconnected; // wait for the client's own hello handling: stopping mid-reconnect crashes the SDK
    expect(fake.callsTo('apps.connections.open')).toHaveLength(2);

    await app.stop();
    await fake.socketMode.waitForNoConnections();
    expect(fake.socketMode.closes.map((close) => close.code)).toEqual([1000, 1000]);
  });
});
