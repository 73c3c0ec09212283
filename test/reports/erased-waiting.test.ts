import { describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import { identityOf } from '../../src/store/customers.js';
import { buildReport } from '../../src/reports/build-report.js';
import { forgetCustomer } from '../../src/store/erasure.js';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { customer, engineFixture, message, otherCustomer, thread } from '../helpers/engine-fixture.js';

describe('time to claim after an erasure request', () => {
  it('an erased person no longer counts as still waiting; a report of the time before the erasure keeps its figure', async () => {
    const { engine, store, clock } = await engineFixture();
    const out = new RecordingOutbox();
    const start = clock.now;
    await engine.handle(message('talk to a human'), out);
    await engine.handle(message('talk to a human', { thread: { ...thread, threadId: 't2' }, from: otherCustomer }), out);

    const erasedAt = new Date(start.getTime() + 60 * 60_000);
    const profile = await store.customers.findByIdentity(identityOf(customer));
    await forgetCustomer(store, profile!, erasedAt);
    expect(await store.conversations.get(conversationIdFor(thread))).toBeUndefined();

    const untilNow = await buildReport(store, { since: new Date(start.getTime() - 1000), until: new Date(erasedAt.getTime() + 1000) });
    expect(untilNow.timeToClaim).toMatchObject({ claimed: 0, stillWaiting: 1 });
    expect(untilNow.handoffs).toBe(2);

    const beforeErasure = await buildReport(store, { since: new Date(start.getTime() - 1000), until: new Date(erasedAt.getTime() - 1000) });
    expect(beforeErasure.timeToClaim).toMatchObject({ claimed: 0, stillWaiting: 2 });
  });
});
