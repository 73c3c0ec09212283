import { describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import type { ThreadRef } from '../../src/engine/types.js';
import { buildReport } from '../../src/reports/build-report.js';
import { summariseCes } from '../../src/reports/ces.js';
import { formatReport } from '../../src/reports/format-report.js';
import type { SurveyResponse } from '../../src/store/records.js';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { action, agent, engineFixture, message, thread } from '../helpers/engine-fixture.js';

const inThread = (threadId: string): ThreadRef => ({ ...thread, threadId });
const response = (score: number): SurveyResponse => ({ conversationId: 'c', round: 1, customerId: 'x', score, platform: 'console', resolvedBy: 'customer', at: '' });

describe('CES figures', () => {
  it('mean, agree (5–7) and net effort (6–7 minus 1–3)', () => {
    expect(summariseCes([7, 6, 5, 4, 2].map(response))).toEqual({ count: 5, mean: 4.8, agree: 0.6, net: 0.2 });
    expect(summariseCes([])).toEqual({ count: 0, mean: 0, agree: 0, net: 0 });
  });
});

describe('the report over real conversations', () => {
  it('counts CES, deflection, handoffs and knowledge gaps', async () => {
    const { engine, store, clock } = await engineFixture();
    const out = new RecordingOutbox();
    // 1: answered, solved, rated 6 (deflected).
    await engine.handle(message('forgot my password', { thread: inThread('a') }), out);
    await engine.handle(action(conversationIdFor(inThread('a')), 'solved'), out);
    await engine.handle(action(conversationIdFor(inThread('a')), 'rate', { value: '1:6' }), out);
    // 2 and 3: nothing matched (the same gap twice), resolved by an agent, rated 2.
    for (const id of ['b', 'c']) {
      await engine.handle(message('How do I export to Xero?', { thread: inThread(id) }), out);
      await engine.handle(action(conversationIdFor(inThread(id)), 'resolve', { from: agent }), out);
    }
    await engine.handle(action(conversationIdFor(inThread('b')), 'rate', { value: '1:2' }), out);
    // 4: asked for a person, still open.
    await engine.handle(message('talk to a human', { thread: inThread('d') }), out);

    const report = await buildReport(store, { since: new Date(clock.now.getTime() - 1000), until: new Date(clock.now.getTime() + 1000) });
    expect(report.ces).toEqual({ count: 2, mean: 4, agree: 0.5, net: 0 });
    expect(report.cesByTeam).toEqual({ accounts: expect.objectContaining({ count: 1, mean: 6 }), support: expect.objectContaining({ count: 1, mean: 2 }) });
    expect(report.cesByArticle).toEqual({ 'reset-password': expect.objectContaining({ count: 1 }), '(no article)': expect.objectContaining({ count: 1, mean: 2 }) });
    expect(report.cesByPlatform.console).toMatchObject({ count: 2 });
    expect(report).toMatchObject({ conversations: 4, resolved: 3, resolvedWithoutPerson: 1, deflection: 0.25, handoffs: 3 });
    expect(report.handoffsByReason).toEqual({ 'no-match': 2, 'asked-for-person': 1 });
    expect(report.gaps).toEqual([{ question: 'How do I export to Xero?', count: 2 }]);

    const text = formatReport(report);
    expect(text).toContain('CES (1–7, "made it easy for me to handle my issue"): 2 answers, mean 4.00, agree 50%, net effort 0');
    expect(text).toContain('    accounts  1 answer, mean 6.00');
    expect(text).toContain('Deflection (resolved without a person / conversations): 25%');
    expect(text).toContain('  2 × How do I export to Xero?');
  });

  it('says how long handed-off customers waited for a person, and how many still wait', async () => {
    const { engine, store, clock } = await engineFixture();
    const out = new RecordingOutbox();
    const start = clock.now;
    const after = (minutes: number) => (clock.now = new Date(start.getTime() + minutes * 60_000));
    for (const [id, claimAfter] of [['w1', 5], ['w2', 15], ['w3', 40]] as const) {
      after(0);
      await engine.handle(message('talk to a human', { thread: inThread(id) }), out);
      after(claimAfter);
      await engine.handle(action(conversationIdFor(inThread(id)), 'claim', { from: agent }), out);
    }
    after(0);
    await engine.handle(message('talk to a human', { thread: inThread('w4') }), out);
    after(31);
    await engine.remindUnclaimed(() => out);

    const report = await buildReport(store, { since: new Date(start.getTime() - 1000), until: new Date(start.getTime() + 3_600_000) });
    expect(report.timeToClaim).toEqual({ claimed: 3, medianMinutes: 15, p90Minutes: 40, stillWaiting: 1, reminded: 1 });
    expect(formatReport(report)).toContain('Time to claim a handoff: median 15 min, 90% within 40 min (3 claimed); still waiting: 1; reminders sent: 1');
  });

  it('leaves out what happened outside the period', async () => {
    const { engine, store, clock } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    const later = new Date(clock.now.getTime() + 86_400_000);
    const report = await buildReport(store, { since: later, until: new Date(later.getTime() + 1000) });
    expect(report.conversations).toBe(0);
  });
});
