// `threadline report --since/--until/--days`: named days are whole UTC days, and a backwards range is refused.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/reports/build-report.js';
import { formatReport } from '../../src/reports/format-report.js';
import { reportPeriod } from '../../src/reports/report-period.js';
import { openStore } from '../../src/store/store.js';

const now = new Date('2026-12-07T15:30:00Z');

describe('the report period', () => {
  it('--until YYYY-MM-DD includes that whole day (the end is the next midnight UTC)', () => {
    expect(reportPeriod({ until: '2026-12-07' }, now)).toEqual({ since: new Date('2026-11-08T00:00:00Z'), until: new Date('2026-12-08T00:00:00Z') });
  });

  it('--since and --until on the same day is that one day', () => {
    expect(reportPeriod({ since: '2026-12-07', until: '2026-12-07' }, now)).toEqual({ since: new Date('2026-12-07T00:00:00Z'), until: new Date('2026-12-08T00:00:00Z') });
  });

  it('without --until the period ends now, and --days counts back from its end', () => {
    expect(reportPeriod({ days: '7' }, now)).toEqual({ since: new Date(now.getTime() + 1 - 7 * 86_400_000), until: new Date(now.getTime() + 1) });
    expect(reportPeriod({ days: '7', until: '2026-12-07' }, now)).toEqual({ since: new Date('2026-12-01T00:00:00Z'), until: new Date('2026-12-08T00:00:00Z') });
  });

  it('refuses --since after --until, naming both dates', () => {
    expect(reportPeriod({ since: '2026-12-08', until: '2026-12-07' }, now)).toBe('--since 2026-12-08 is after --until 2026-12-07: give the earlier date to --since');
    expect(reportPeriod({ since: '2026-12-08' }, now)).toMatch(/^--since 2026-12-08 is after --until \(today, 2026-12-07\)/);
  });

  it('refuses dates that are not YYYY-MM-DD or do not exist, a bad --days, and --days with --since', () => {
    expect(reportPeriod({ until: '7 Dec' }, now)).toBe('--until must be a date as YYYY-MM-DD, not "7 Dec"');
    expect(reportPeriod({ since: '2026-02-30' }, now)).toBe('--since must be a date as YYYY-MM-DD, not "2026-02-30"');
    expect(reportPeriod({ since: '2026-13-01' }, now)).toBe('--since must be a date as YYYY-MM-DD, not "2026-13-01"');
    expect(reportPeriod({ until: '2026-12-32' }, now)).toBe('--until must be a date as YYYY-MM-DD, not "2026-12-32"');
    expect(reportPeriod({ since: '2026-00-10' }, now)).toBe('--since must be a date as YYYY-MM-DD, not "2026-00-10"');
    for (const days of ['0', '1.5', '999999999', 'a week']) {
      expect(reportPeriod({ days }, now)).toBe(`--days must be a whole number of days from 1 to 36500, not "${days}"`);
    }
    expect(reportPeriod({ days: '7', since: '2026-12-01' }, now)).toBe('give --days or --since, not both');
  });

  it('a conversation late on the --until day is counted, and the header names that day as the last', async () => {
    const store = await openStore('memory://');
    await store.events.append('conversation.opened', { at: new Date('2026-12-07T23:59:00Z'), conversationId: 'c1', data: {} });
    const period = reportPeriod({ since: '2026-12-07', until: '2026-12-07' }, now);
    if (typeof period === 'string') throw new Error(period);
    const report = await buildReport(store, period);
    expect(report.conversations).toBe(1);
    expect(formatReport(report).split('\n')[0]).toBe('threadline report 2026-12-07 → 2026-12-07 (UTC)');
    await store.close();
  });
});
