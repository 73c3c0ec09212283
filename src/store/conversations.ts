import type Keyv from 'keyv';
import { Collection } from './collection.js';
import type { Conversation, ConversationState } from './records.js';

const OPEN: ConversationState[] = ['new', 'answered', 'suggesting', 'handed_off'];

export class ConversationRepository {
  private readonly records: Collection<Conversation>;
  private readonly index: Collection<string[]>;

  constructor(keyv: Keyv) {
    this.records = new Collection(keyv, 'conversation');
    this.index = new Collection(keyv, 'index');
  }

  get(id: string): Promise<Conversation | undefined> {
    return this.records.get(id);
  }

  /** Saves and keeps the index of open conversations (for the inactivity sweep) in step. */
  async save(conversation: Conversation): Promise<void> {
    await this.records.set(conversation.id, conversation);
    const open = new Set((await this.index.get('open')) ?? []);
    const isOpen = OPEN.includes(conversation.state);
    if (isOpen === open.has(conversation.id)) return;
    if (isOpen) open.add(conversation.id);
    else open.delete(conversation.id);
    await this.index.set('open', [...open]);
  }

  /** Removes a conversation for good (a customer's erasure), and from the open index. */
  async delete(id: string): Promise<void> {
    await this.records.delete(id);
    const open = (await this.index.get('open')) ?? [];
    if (open.includes(id)) await this.index.set('open', open.filter((o) => o !== id));
  }

  async listOpen(): Promise<Conversation[]> {
    const ids = (await this.index.get('open')) ?? [];
    const found = await Promise.all(ids.map((id) => this.records.get(id)));
    return found.filter((c): c is Conversation => c !== undefined);
  }

  async *all(): AsyncGenerator<Conversation> {
    for await (const [, conversation] of this.records.all()) yield conversation;
  }
}
