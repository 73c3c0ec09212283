import { randomBytes } from 'node:crypto';
import { createTsCounter, DEFAULT_IDS } from './defaults.js';

/** The workspace a set of fixtures describes, and where their ids and response_urls come from. */
export interface FixtureContext {
  teamId: string;
  teamDomain: string;
  appId: string;
  botUserId: string;
  botId: string;
  /** Default author of customer messages, button presses and commands. */
  userId: string;
  userName: string;
  channelId: string;
  channelName: string;
  nextTs: () => string;
  nextEventId: () => string;
  nextTriggerId: () => string;
  /** A response_url that Bolt's respond() can post to. */
  responseUrl: () => string;
}

export function createFixtureContext(overrides: Partial<FixtureContext> = {}): FixtureContext {
  let eventCount = 0;
  let triggerCount = 0;
  let unboundResponseCount = 0;
  return {
    ...DEFAULT_IDS,
    nextTs: createTsCounter(1_700_000_000, 100),
    nextEventId: () => {
      eventCount += 1;
      return `Ev${eventCount.toString(36).toUpperCase().padStart(9, '0')}`;
    },
    // Slack's look: "<digits>.<digits>.<32 hex>".
    nextTriggerId: () => {
      triggerCount += 1;
      return `${1_700_000_000_000 + triggerCount}.4200000001.${randomBytes(16).toString('hex')}`;
    },
    // Unreachable on purpose (nothing listens on port 9 locally): bind fixtures to a FakeSlack to use respond().
    responseUrl: () => {
      unboundResponseCount += 1;
      return `http://127.0.0.1:9/__response/unbound-${unboundResponseCount}`;
    },
    ...overrides,
  };
}

/** Slack's action_ts / event_time look: now, in seconds with microseconds. */
export function nowTs(): string {
  return (Date.now() / 1000).toFixed(6);
}
