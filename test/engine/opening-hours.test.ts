import { describe, expect, it } from 'vitest';
import { isWithinHours, nextOpening, parseOpeningHours } from '../../src/engine/opening-hours.js';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { engineFixture, message } from '../helpers/engine-fixture.js';

const berlin = { rules: parseOpeningHours('mon-fri 09:00-17:00; sat 10:00-14:00'), timeZone: 'Europe/Berlin' };
const at = (iso: string) => new Date(iso);

describe('SUPPORT_HOURS', () => {
  it('reads day ranges, lists and ranges across the weekend', () => {
    expect(parseOpeningHours('Mon-Fri 9:00-17:30').map((r) => [[...r.days], r.from, r.to])).toEqual([[[1, 2, 3, 4, 5], 540, 1050]]);
    expect([...parseOpeningHours('fri-mon 10:00-24:00')[0]!.days]).toEqual([5, 6, 0, 1]);
    expect([...parseOpeningHours('mon,wed, fri 08:00-12:00')[0]!.days]).toEqual([1, 3, 5]);
  });

  it('says what is wrong with a rule and how to write it', () => {
    expect(() => parseOpeningHours('weekdays 9-5')).toThrow('"weekdays 9-5" is not "days hh:mm-hh:mm": write e.g. "mon-fri 09:00-17:00; sat 10:00-14:00"');
    expect(() => parseOpeningHours('mon-fry 09:00-17:00')).toThrow('"mon-fry" in "mon-fry 09:00-17:00" is not a day');
    expect(() => parseOpeningHours('Mon 22:00-06:00')).toThrow('"Mon 22:00-06:00" ends before it starts: split hours past midnight into two rules, "mon 22:00-24:00; tue 00:00-06:00"');
    expect(() => parseOpeningHours('fri-sun 22:30-2:00')).toThrow('split hours past midnight into two rules, "fri-sun 22:30-24:00; sat-mon 00:00-02:00"');
    expect(() => parseOpeningHours('wed,sat 20:00-01:00')).toThrow('split hours past midnight into two rules, "wed,sat 20:00-24:00; thu,sun 00:00-01:00"');
    expect(() => parseOpeningHours('mon 09:00-09:00')).toThrow('"mon 09:00-09:00" starts and ends at 09:00');
    expect(() => parseOpeningHours('mon 09:00-25:00')).toThrow('"25:00" in "mon 09:00-25:00" is not a time of day');
    expect(() => parseOpeningHours(' ; ')).toThrow('has no rules');
  });

  it('knows when the team is in, in its own time zone, and when it is back', () => {
    // Monday 23 November 2026; Berlin is UTC+1 in winter
    expect(isWithinHours(berlin, at('2026-11-23T07:30:00Z'))).toBe(false); // 08:30 in Berlin
    expect(nextOpening(berlin, at('2026-11-23T07:30:00Z'))).toEqual({ day: 1, minute: 540, daysAhead: 0 });
    expect(isWithinHours(berlin, at('2026-11-23T08:30:00Z'))).toBe(true); // 09:30
    expect(isWithinHours(berlin, at('2026-11-23T16:00:00Z'))).toBe(false); // 17:00: closing time is not open
    expect(nextOpening(berlin, at('2026-11-27T17:00:00Z'))).toEqual({ day: 6, minute: 600, daysAhead: 1 }); // Friday 18:00 → Saturday 10:00
    expect(nextOpening(berlin, at('2026-11-28T14:00:00Z'))).toEqual({ day: 1, minute: 540, daysAhead: 2 }); // Saturday 15:00 → Monday
    const newYork = { rules: parseOpeningHours('mon-fri 09:00-17:00'), timeZone: 'America/New_York' };
    expect(isWithinHours(newYork, at('2026-11-23T13:59:00Z'))).toBe(false); // 08:59 in New York
    expect(isWithinHours(newYork, at('2026-11-23T14:00:00Z'))).toBe(true);
  });
});

describe('a handoff outside SUPPORT_HOURS', () => {
  it('tells the customer when people are back; inside the hours it says nothing more', async () => {
    const { engine, clock } = await engineFixture({ settings: { openingHours: berlin } });
    const out = new RecordingOutbox();
    clock.now = at('2026-11-28T14:00:00Z'); // Saturday 15:00 in Berlin
    await engine.handle(message('talk to a human'), out);
    expect(out.last('handoff-notice').text).toBe(
      "I'm handing this to our support team. A person will reply in this thread, and they can see everything above, so you don't need to repeat anything. Our team is away right now and back on Monday at 09:00 (Europe/Berlin); they'll reply here then.",
    );

    clock.now = at('2026-11-30T07:00:00Z'); // Monday 08:00
    await engine.handle(message('talk to a human', { thread: { ...message('').thread, threadId: 'monday' } }), out);
    expect(out.last('handoff-notice').text).toMatch(/back today at 09:00 \(Europe\/Berlin\)/);

    clock.now = at('2026-11-30T10:00:00Z'); // Monday 11:00: open
    await engine.handle(message('talk to a human', { thread: { ...message('').thread, threadId: 'open' } }), out);
    expect(out.last('handoff-notice').text).toMatch(/you don't need to repeat anything\.$/);
  });

  it('says "next Monday" when the team is next in a week, on the same weekday', async () => {
    const mondaysOnly = { rules: parseOpeningHours('mon 09:00-12:00; mon 13:00-17:00'), timeZone: 'Europe/Berlin' };
    const { engine, clock } = await engineFixture({ settings: { openingHours: mondaysOnly } });
    const out = new RecordingOutbox();
    clock.now = at('2026-11-23T20:03:00Z'); // Monday 21:03 in Berlin
    await engine.handle(message('talk to a human'), out);
    expect(out.last('handoff-notice').text).toMatch(/Our team is away right now and back next Monday at 09:00 \(Europe\/Berlin\); they'll reply here then\.$/);
  });

  it('reminds the team of an unclaimed handoff only when people are at work', async () => {
    const { engine, clock } = await engineFixture({ settings: { openingHours: berlin } });
    const out = new RecordingOutbox();
    clock.now = at('2026-11-28T14:00:00Z'); // Saturday 15:00, after Saturday's hours
    await engine.handle(message('talk to a human'), out);
    clock.now = at('2026-11-29T12:00:00Z'); // Sunday: closed all day
    expect(await engine.remindUnclaimed(() => out)).toBe(0);
    clock.now = at('2026-11-30T08:01:00Z'); // Monday 09:01
    expect(await engine.remindUnclaimed(() => out)).toBe(1);
    expect(out.last('reminder').text).toMatch(/^⏰ Dana Customer has waited 42 hours and nobody has claimed it yet/);
  });
});
