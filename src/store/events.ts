import { randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import { Collection } from './collection.js';
import type { EventType, LoggedEvent } from './records.js';

/** Append-only log of what happened; keys sort by time so a scan reads it in order. */
export class EventLog {
  private readonly events: Collection<LoggedEvent>;

  constructor(keyv: Keyv) {
    this.events = new Collection(keyv, 'event');
  }

  async append(type: EventType, fields: Omit<LoggedEvent, 'id' | 'type' | 'at'> & { at?: Date }): Promise<LoggedEvent> {
    const at = (fields.at ?? new Date()).toISOString();
    const id = `${at}:${randomBytes(4).toString('hex')}`;
    const { at: _ignored, ...rest } = fields;
    const event: LoggedEvent = { id, type, at, ...rest };
    await this.events.set(id, event);
    return event;
  }

  /** Rewrites every event `redact` changes (returns a new event, or undefined to keep it); returns how many. */
  async rewrite(redact: (event: LoggedEvent) => LoggedEvent | undefined): Promise<number> {
    let changed = 0;
    for await (const [id, event] of this.events.all()) {
      const rewritten = redact(event);
      if (!rewritten) continue;
      await this.events.set(id, rewritten);
      changed += 1;
    }
    return changed;
  }

  /** Events in time order, optionally within [since, until). */
  async list(filter: { since?: Date; until?: Date; types?: EventType[] } = {}): Promise<LoggedEvent[]> {
    const since = filter.since?.toISOString() ?? '';
    const until = filter.until?.toISOString() ?? '\uffff';
    const out: LoggedEvent[] = [];
    for await (const [, event] of this.events.all()) {
      if (event.at < since || event.at >= until) continue;
      if (filter.types && !filter.types.includes(event.type)) continue;
      out.push(event);
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }
}
