import type { App } from '../app.js';
import type { Outbox, Platform } from '../engine/types.js';

/** A connected chat platform: its outbox serves replies that no inbound event carries (e.g. auto-resolve). */
export interface RunningPlatform {
  name: Platform;
  outbox: Outbox;
  stop(): Promise<void>;
}

export type StartPlatform = (app: App) => Promise<RunningPlatform>;
