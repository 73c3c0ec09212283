import type { Destination, Outbox, PostedRef, Reply } from '../../src/engine/types.js';

export interface Sent {
  destination: Destination;
  reply: Reply;
  ref: PostedRef;
}

/** An Outbox that keeps everything the engine said, for assertions. */
export class RecordingOutbox implements Outbox {
  sent: Sent[] = [];
  updates: Array<{ ref: PostedRef; reply: Reply }> = [];
  private next = 1;
  failThreadSends = false;

  async send(destination: Destination, reply: Reply): Promise<PostedRef> {
    if (this.failThreadSends && destination.to === 'thread') throw new Error('platform said no');
    const ref: PostedRef = { platform: 'console', channelId: destination.to, messageId: String(this.next++) };
    this.sent.push({ destination, reply, ref });
    return ref;
  }

  async update(ref: PostedRef, reply: Reply): Promise<void> {
    this.updates.push({ ref, reply });
  }

  to(where: Destination['to']): Reply[] {
    return this.sent.filter((s) => s.destination.to === where).map((s) => s.reply);
  }

  kinds(where?: Destination['to']): string[] {
    return this.sent.filter((s) => !where || s.destination.to === where).map((s) => s.reply.kind);
  }

  last<K extends Reply['kind']>(kind: K): Extract<Reply, { kind: K }> {
    const found = [...this.sent].reverse().find((s) => s.reply.kind === kind);
    if (!found) throw new Error(`no ${kind} reply was sent; sent: ${this.kinds().join(', ') || 'nothing'}`);
    return found.reply as Extract<Reply, { kind: K }>;
  }

  clear(): void {
    this.sent = [];
    this.updates = [];
  }
}
