const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** About a hundred years. */
const MAX_DAYS = 36_500;

export interface PeriodFlags {
  days?: string;
  since?: string;
  until?: string;
}

/**
 * The report's period from its flags, in UTC: `--since` starts at the beginning of its day and `--until` includes
 * its whole day, so `--since 2026-12-07 --until 2026-12-07` is that one day. The result's `until` is exclusive.
 * Without --since the period is the --days (default 30) before --until (default now). A string is the error.
 */
export function reportPeriod(flags: PeriodFlags, now = new Date()): { since: Date; until: Date } | string {
  if (flags.days !== undefined && flags.since !== undefined) return 'give --days or --since, not both';
  const days = Number(flags.days ?? 30);
  // whole days, and no further back than the calendar goes (a typo of nine digits is no period)
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) return `--days must be a whole number of days from 1 to ${MAX_DAYS}, not "${flags.days}"`;
  const startOfUntil = flags.until === undefined ? undefined : utcDay(flags.until);
  if (startOfUntil === undefined && flags.until !== undefined) return `--until must be a date as YYYY-MM-DD, not "${flags.until}"`;
  // the end is exclusive: the day after --until, or just after now so a record made this millisecond counts
  const until = startOfUntil ? new Date(startOfUntil.getTime() + DAY_MS) : new Date(now.getTime() + 1);
  if (flags.since === undefined) return { since: new Date(until.getTime() - days * DAY_MS), until };
  const since = utcDay(flags.since);
  if (!since) return `--since must be a date as YYYY-MM-DD, not "${flags.since}"`;
  if (since >= until) return `--since ${flags.since} is after --until ${flags.until ?? `(today, ${now.toISOString().slice(0, 10)})`}: give the earlier date to --since`;
  return { since, until };
}

/** Midnight UTC of a YYYY-MM-DD date, or undefined when it is not a real date (2026-02-30). */
function utcDay(text: string): Date | undefined {
  if (!DATE_ONLY.test(text)) return undefined;
  const day = new Date(`${text}T00:00:00Z`);
  // month 13 or day 32 make no date at all (2026-02-30 rolls over to March)
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text ? day : undefined;
}
