// Two threadline instances on one store (behind a load balancer, say): a platform event delivered to both is
// handled once, and a thread's messages arriving at both at once are handled one after the other.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { engineFixture, message, thread, type Fixture } from '../helpers/engine-fixture.js';

const fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.store.close();
});

async function twoInstances(): Promise<[Fixture, Fixture]> {
  const storeUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), 'threadline-instances-')), 'store.sqlite')}`;
  const pair: [Fixture, Fixture] = [await engineFixture({ storeUrl }), await engineFixture({ storeUrl })];
  fixtures.push(...pair);
  return pair;
}

describe('two instances on one store', () => {
  it('an event both receive is answered once', async () => {
    const [a, b] = await twoInstances();
    const [outA, outB] = [new RecordingOutbox(), new RecordingOutbox()];
    for (let i = 0; i < 10; i++) {
      const event = message('forgot my password', { eventId: `twice-${i}`, thread: { ...thread, threadId: `t-${i}` } });
      await Promise.all([a.engine.handle(event, outA), b.engine.handle(event, outB)]);
    }
    expect(outA.kinds('thread').length + outB.kinds('thread').length).toBe(10);
  });

  it("one thread's messages arriving at both at once are handled in turn: nothing is lost", async () => {
    const [a, b] = await twoInstances();
    const [outA, outB] = [new RecordingOutbox(), new RecordingOutbox()];
    for (let i = 0; i < 5; i++) {
      const where = { ...thread, threadId: `busy-${i}` };
      await Promise.all([a.engine.handle(message('forgot my password', { thread: where }), outA), b.engine.handle(message('and where is my invoice', { thread: where }), outB)]);
      const stored = await a.store.conversations.get(conversationIdFor(where));
      const said = stored?.transcript.filter((l) => l.from === 'customer').map((l) => l.text);
      expect(said?.sort()).toEqual(['and where is my invoice', 'forgot my password']);
    }
  });
});
