import type Keyv from 'keyv';
import { ConversationRepository } from './conversations.js';
import { CustomerRepository } from './customers.js';
import { EventLog } from './events.js';
import { openKeyv } from './open-keyv.js';
import { SurveyRepository } from './surveys.js';
import { Collection } from './collection.js';

/** Everything threadline persists, over one Keyv (STORE_URL). */
export class Store {
  readonly conversations: ConversationRepository;
  readonly customers: CustomerRepository;
  readonly surveys: SurveyRepository;
  readonly events: EventLog;
  private readonly seen: Collection<number>;
  private readonly codes: Collection<string>;

  constructor(readonly keyv: Keyv) {
    this.conversations = new ConversationRepository(keyv);
    this.customers = new CustomerRepository(keyv);
    this.surveys = new SurveyRepository(keyv);
    this.events = new EventLog(keyv);
    this.seen = new Collection(keyv, 'seen');
    this.codes = new Collection(keyv, 'link-code');
  }

  /** True the first time a platform event id is seen (within a day): retries are then ignored. */
  async firstDelivery(eventKey: string, now = Date.now()): Promise<boolean> {
    if (await this.seen.get(eventKey)) return false;
    await this.seen.set(eventKey, now, 24 * 60 * 60 * 1000);
    return true;
  }

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
  return new Store(await openKeyv(url));
}
