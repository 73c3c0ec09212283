import type { APIMessage } from 'discord.js';

export interface InteractionCallback {
  type: number;
  data: unknown;
  at: number;
}

/** What the fake remembers about one INTERACTION_CREATE it sent, to check and answer the bot's responses. */
export interface InteractionRecord {
  id: string;
  token: string;
  /** 2 application command, 3 message component, 5 modal submit. */
  type: 2 | 3 | 4 | 5;
  createdAt: number;
  channelId: string;
  guildId: string | undefined;
  userId: string;
  /** The message whose component was used (components, and modals opened from a component). */
  message: APIMessage | undefined;
  /** The first (and only allowed) callback. */
  callback: InteractionCallback | undefined;
  /** The response message created by a type 4 or 5 callback ("@original"). */
  originalMessageId: string | undefined;
  followUpIds: string[];
}

export class InteractionStore {
  private readonly byId = new Map<string, InteractionRecord>();

  add(record: InteractionRecord): InteractionRecord {
    this.byId.set(record.id, record);
    return record;
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  byToken(token: string): InteractionRecord | undefined {
    return [...this.byId.values()].find((record) => record.token === token);
  }

  all(): InteractionRecord[] {
    return [...this.byId.values()];
  }

  /** The newest interaction whose response was a modal (type 9) with this custom_id. */
  lastModal(customId: string): InteractionRecord | undefined {
    return this.all()
      .filter((r) => r.callback?.type === 9 && (r.callback.data as { custom_id?: string } | undefined)?.custom_id === customId)
      .at(-1);
  }

  clear(): void {
    this.byId.clear();
  }
}
