/**
 * When the support team is at work: SUPPORT_HOURS rules such as "mon-fri 09:00-17:00; sat 10:00-14:00" in the
 * SUPPORT_TIMEZONE. A handoff outside them tells the customer when people are back, instead of a promise of a
 * reply that will not come for hours.
 */

export interface OpeningRule {
  /** 0 = Sunday … 6 = Saturday. */
  days: ReadonlySet<number>;
  /** Minutes after local midnight; `to` is after `from` (overnight hours are two rules). */
  from: number;
  to: number;
}

export interface OpeningHours {
  rules: readonly OpeningRule[];
  timeZone: string;
}

/** When people are back: a weekday (0 = Sunday) and minutes after midnight, in the team's time zone. */
export interface LocalTime {
  day: number;
  minute: number;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const RULE = /^([a-z]{3}(?:-[a-z]{3})?(?:,[a-z]{3}(?:-[a-z]{3})?)*)\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;

/** Parses SUPPORT_HOURS; throws an Error whose message says what is wrong and how to write it. */
export function parseOpeningHours(text: string): OpeningRule[] {
  const rules = text.split(';').map((r) => r.trim()).filter(Boolean);
  if (!rules.length) throw new Error('has no rules: write e.g. "mon-fri 09:00-17:00; sat 10:00-14:00"');
  return rules.map((rule) => {
    // quoted as written; parsed in lower case with the spaces around "-" and "," taken out
    const m = RULE.exec(rule.toLowerCase().replace(/\s+/g, ' ').replace(/\s*-\s*/g, '-').replace(/\s*,\s*/g, ','));
    if (!m) throw new Error(`"${rule}" is not "days hh:mm-hh:mm": write e.g. "mon-fri 09:00-17:00; sat 10:00-14:00"`);
    const days = new Set<number>();
    for (const part of m[1]!.split(',')) {
      const [first = -1, last = first] = part.split('-').map((d) => DAYS.indexOf(d));
      if (first < 0 || last < 0) throw new Error(`"${part}" in "${rule}" is not a day: use ${DAYS.join(', ')}`);
      for (let d = first; ; d = (d + 1) % 7) {
        days.add(d);
        if (d === last) break;
      }
    }
    const from = clock(m[2]!, m[3]!, rule);
    const to = clock(m[4]!, m[5]!, rule);
    if (to === from) throw new Error(`"${rule}" starts and ends at ${hhmm(from)}: write when the team starts and stops, e.g. "${m[1]} 09:00-17:00", or "${m[1]} 00:00-24:00" for the whole day`);
    if (to < from) {
      const split = `${m[1]} ${hhmm(from)}-24:00; ${m[1]!.replace(/[a-z]{3}/g, (d) => DAYS[(DAYS.indexOf(d) + 1) % 7]!)} 00:00-${hhmm(to)}`;
      throw new Error(`"${rule}" ends before it starts: split hours past midnight into two rules, "${split}"`);
    }
    return { days, from, to };
  });
}

function clock(hours: string, minutes: string, rule: string): number {
  const h = Number(hours), m = Number(minutes);
  if (h > 24 || m > 59 || (h === 24 && m > 0)) throw new Error(`"${hours}:${minutes}" in "${rule}" is not a time of day`);
  return h * 60 + m;
}

/** Minutes after midnight as "hh:mm". */
export const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** True when `timeZone` is one Intl knows (an IANA name such as Europe/Berlin). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The weekday and minute of `at` in the time zone. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: DAYS.indexOf(part('weekday').toLowerCase()), minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

export function isWithinHours(hours: OpeningHours, at: Date): boolean {
  const { day, minute } = localTime(at, hours.timeZone);
  return hours.rules.some((r) => r.days.has(day) && minute >= r.from && minute < r.to);
}

/** The next time the team opens after `at`: later today (daysAhead 0) or on one of the next seven days. */
export function nextOpening(hours: OpeningHours, at: Date): (LocalTime & { daysAhead: number }) | undefined {
  const now = localTime(at, hours.timeZone);
  for (let daysAhead = 0; daysAhead <= 7; daysAhead++) {
    const day = (now.day + daysAhead) % 7;
    const starts = hours.rules.filter((r) => r.days.has(day) && (daysAhead > 0 || r.from > now.minute)).map((r) => r.from);
    if (starts.length) return { day, minute: Math.min(...starts), daysAhead };
  }
  return undefined;
}
