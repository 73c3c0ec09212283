import type { APIMessage } from 'discord.js';

/**
 * Every message the fake knows, in creation order: the bot's posts, interaction responses (ephemeral ones too,
 * flag 64) and the users' messages sent through `FakeDiscord.sendMessage`.
 */
export class MessageStore {
  private readonly byId = new Map<string, APIMessage>();

  add(message: APIMessage): APIMessage {
    this.byId.set(message.id, message);
    return message;
  }

  get(id: string): APIMessage | undefined {
    return this.byId.get(id);
  }

  /** Applies a partial edit in place and returns the new version. */
  update(id: string, patch: Partial<APIMessage>): APIMessage {
    const current = this.byId.get(id);
    if (!current) throw new Error(`FakeDiscord: no message ${id}`);
    const next = { ...current, ...patch };
    this.byId.set(id, next);
    return next;
  }

  delete(id: string): boolean {
    return this.byId.delete(id);
  }

  inChannel(channelId: string): APIMessage[] {
    return this.all().filter((message) => message.channel_id === channelId);
  }

  /** The newest message, optionally only in one channel (a thread's id is its channel id). */
  latest(channelId?: string): APIMessage | undefined {
    return (channelId === undefined ? this.all() : this.inChannel(channelId)).at(-1);
  }

  all(): APIMessage[] {
    return [...this.byId.values()];
  }

  clear(): void {
    this.byId.clear();
  }
}
