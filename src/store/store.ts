import type Keyv from 'keyv';
import { ConversationRepository } from './conversations.js';
import { CustomerRepository } from './customers.js';
import { EventLog } from './events.js';
import { MemoryClaims, type Claims } from './claims.js';
import { openBackend } from './open-keyv.js';
import { SurveyRepository } from './surveys.js';
import { Collection } from './collection.js';
import type { Platform, PostedRef } from '../engine/types.js';

/** A relay thread outlives its handoff by far (agents may answer days later), but not forever. */
const RELAY_TTL_MS = 90 * 24 * 60 * 60 * 1000;
const relayKey = (platform: Platform, channelId: string, threadId: string) => `${platform}:${channelId}:${threadId}`;

/** Everything threadline persists, over one Keyv (STORE_URL). */
export class Store {
  readonly conversations: ConversationRepository;
  readonly customers: CustomerRepository;
  readonly surveys: SurveyRepository;
  readonly events: EventLog;
  private readonly codes: Collection<string>;
  private readonly relayThreads: Collection<string>;
  private readonly directHandoffs: Collection<string>;

  constructor(
    readonly keyv: Keyv,
    /** Atomic first-one-wins records, shared by every process on this store. */
    readonly claims: Claims = new MemoryClaims(),
  ) {
    this.conversations = new ConversationRepository(keyv);
    this.customers = new CustomerRepository(keyv);
    this.surveys = new SurveyRepository(keyv);
    this.events = new EventLog(keyv);
    this.codes = new Collection(keyv, 'link-code');
    this.relayThreads = new Collection(keyv, 'relay');
    this.directHandoffs = new Collection(keyv, 'dm-handoff');
  }

  /**
   * True the first time a platform event id is seen (within a day), in any process on this store: retries, and
   * the copy another instance received, are then ignored.
   */
  async firstDelivery(eventKey: string): Promise<boolean> {
    return (await this.claims.take(`seen:${eventKey}`, 24 * 60 * 60 * 1000)) !== undefined;
  }

  /**
   * Agents' relay threads of direct-message conversations, by where the thread is (its context packet's
   * channel and message): a message there is passed on to the customer.
   */
  readonly relays = {
    open: (packet: PostedRef, conversationId: string) => this.relayThreads.set(relayKey(packet.platform, packet.channelId, packet.messageId), conversationId, RELAY_TTL_MS),
    conversationFor: (platform: Platform, channelId: string, threadId: string) => this.relayThreads.get(relayKey(platform, channelId, threadId)),
    /** The latest conversation of this direct-message channel that was handed to a person. */
    handedOffIn: (platform: Platform, channelId: string) => this.directHandoffs.get(`${platform}:${channelId}`),
    handedOff: (thread: { platform: Platform; channelId: string }, conversationId: string) => this.directHandoffs.set(`${thread.platform}:${thread.channelId}`, conversationId, RELAY_TTL_MS),
  };

  /** Short-lived codes that let a customer join their Slack and Discord identities. */
  readonly linkCodes = {
    create: (code: string, customerId: string) => this.codes.set(code, customerId, 15 * 60 * 1000),
    take: async (code: string) => {
      const customerId = await this.codes.get(code);
      if (customerId) await this.codes.delete(code);
      return customerId;
    },
  };

  async close(): Promise<void> {
    await this.keyv.disconnect().catch(() => undefined);
  }
}

export async function openStore(url: string): Promise<Store> {
  const { keyv, claims } = await openBackend(url);
  return new Store(keyv, claims);
}
