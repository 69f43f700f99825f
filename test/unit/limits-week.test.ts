import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { firstDayFromTable, firstDayOfWeek, localDay, safeTimeZone, startOfLocalDay, weekRange, type Weekday } from '@/utils/limits/week';

/**
 * utils/limits/week.ts: "this week" starts on the locale's first day of the week, at the first
 * instant of that day in the user's time zone — across daylight-saving changes (weeks of 167 and
 * 169 hours, half-hour shifts, a midnight that does not exist) and whatever zone the machine is in.
 */

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

describe('firstDayOfWeek', () => {
  it("is the locale's: Sunday in the US, Monday in Germany and Britain, Saturday in Egypt, Friday in the Maldives", () => {
    const locales = ['en-US', 'en', 'de', 'de-DE', 'en-GB', 'fr', 'ar-EG', 'dv-MV', 'pt-BR', 'ja', 'he'];
    expect(locales.map(firstDayOfWeek)).toEqual([7, 7, 1, 1, 1, 1, 6, 5, 7, 7, 7]);
  });

  it('follows the -u-fw- keyword, and is Monday for what is not a locale', () => {
    expect(firstDayOfWeek('en-US-u-fw-mon')).toBe(1);
    expect(firstDayFromTable('de-DE-u-fw-sun')).toBe(7);
    expect(firstDayFromTable('en-u-ca-gregory-fw-sat')).toBe(6);
    expect(firstDayOfWeek('not a locale!')).toBe(1);
    expect(firstDayFromTable('')).toBe(1);
  });

  it('uses the table where the engine has no week info (Firefox before 145), and getWeekInfo where it has that', () => {
    const proto = Intl.Locale.prototype as unknown as Record<string, unknown>;
    const saved = Object.getOwnPropertyDescriptor(proto, 'weekInfo');
    try {
      Object.defineProperty(proto, 'weekInfo', { get: () => undefined, configurable: true });
      expect(['en-US', 'de', 'ar-EG', 'en-US-u-fw-mon'].map(firstDayOfWeek)).toEqual([7, 1, 6, 1]);
      Object.defineProperty(proto, 'getWeekInfo', { value: () => ({ firstDay: 3 }), configurable: true });
      expect(firstDayOfWeek('en-US')).toBe(3);
    } finally {
      delete proto.getWeekInfo;
      if (saved) Object.defineProperty(proto, 'weekInfo', saved);
    }
    expect(firstDayOfWeek('en-US')).toBe(7);
  });

  it("has a fallback table that agrees with the engine's week info for every region", () => {
    const regions = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
    const disagreements: string[] = [];
    let checked = 0;
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const region = String.fromCharCode(a, b);
        if (!regions.of(region) || ['BU', 'RH', 'YD'].includes(region)) continue; // names of former countries
        checked += 1;
        const engine = firstDayOfWeek(`und-${region}`);
        if (firstDayFromTable(`und-${region}`) !== engine) disagreements.push(`${region}: engine ${engine}`);
      }
    }
    expect(checked).toBeGreaterThan(240);
    expect(disagreements).toEqual([]);
  });
});

describe('weekRange', () => {
  it('a week in Berlin starts Monday 00:00 and is 167 hours long when the clocks go forward', () => {
    const week = weekRange(at('2026-03-25T11:00:00Z'), 'Europe/Berlin', 1);
    expect([iso(week.start), iso(week.end)]).toEqual(['2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    expect(week.end - week.start).toBe(WEEK - HOUR);
  });

  it('a week in New York starts Sunday 00:00: 167 hours in March, 169 in November', () => {
    const spring = weekRange(at('2026-03-10T12:00:00Z'), 'America/New_York', 7);
    expect([iso(spring.start), iso(spring.end)]).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-15T04:00:00.000Z']);
    const autumn = weekRange(at('2026-11-03T12:00:00Z'), 'America/New_York', 7);
    expect([iso(autumn.start), iso(autumn.end)]).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-08T05:00:00.000Z']);
    expect(autumn.end - autumn.start).toBe(WEEK + HOUR);
  });

  it('the same instant is in different weeks in different zones and locales', () => {
    // Sunday 2026-03-08 23:30 in New York is Monday 04:30 in Berlin (and 03:30 in London).
    const instant = at('2026-03-09T03:30:00Z');
    expect(iso(weekRange(instant, 'America/New_York', 7).start)).toBe('2026-03-08T05:00:00.000Z');
    expect(iso(weekRange(instant, 'America/New_York', 1).start)).toBe('2026-03-02T05:00:00.000Z');
    expect(iso(weekRange(instant, 'Europe/Berlin', 1).start)).toBe('2026-03-08T23:00:00.000Z');
    expect(iso(weekRange(instant, 'Europe/Berlin', 7).start)).toBe('2026-03-07T23:00:00.000Z');
  });

  it("starts at 01:00 where the clocks skip midnight (Santiago), and on the next day where a whole day is skipped (Apia, 2011)", () => {
    const santiago = weekRange(at('2026-09-08T12:00:00Z'), 'America/Santiago', 7);
    expect(iso(santiago.start)).toBe('2026-09-06T04:00:00.000Z'); // 01:00 −03, the day's first instant
    expect(localDay(santiago.start - 1, 'America/Santiago')).toEqual({ year: 2026, month: 9, day: 5 });
    const apia = weekRange(at('2011-12-31T12:00:00Z'), 'Pacific/Apia', 1);
    expect(apia.end - apia.start).toBe(6 * 24 * HOUR); // Friday 30 December 2011 never happened there
  });

  it('half-hour zones and half-hour daylight saving (Kathmandu, Lord Howe)', () => {
    expect(iso(weekRange(at('2026-06-03T00:00:00Z'), 'Asia/Kathmandu', 1).start)).toBe('2026-05-31T18:15:00.000Z');
    const lordHowe = weekRange(at('2026-10-06T00:00:00Z'), 'Australia/Lord_Howe', 7);
    expect(lordHowe.end - lordHowe.start).toBe(WEEK - HOUR / 2);
  });

  it('reads an unknown zone as UTC, and a time that is not one as an empty week', () => {
    expect(safeTimeZone('Mars/Olympus_Mons')).toBe('UTC');
    expect(weekRange(at('2026-12-02T12:00:00Z'), 'Mars/Olympus_Mons', 1)).toEqual(weekRange(at('2026-12-02T12:00:00Z'), 'UTC', 1));
    expect(weekRange(Number.NaN, 'UTC', 1)).toEqual({ start: Number.NaN, end: Number.NaN });
  });

  describe('whatever zone the machine is in', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    it('gives the same weeks (the zone is the user\'s, passed in)', () => {
      const instant = at('2026-11-01T05:30:00Z');
      const expected = weekRange(instant, 'America/New_York', 7);
      for (const machine of ['UTC', 'Pacific/Kiritimati', 'America/Adak', 'Asia/Kolkata']) {
        process.env.TZ = machine;
        expect(weekRange(instant, 'America/New_York', 7)).toEqual(expected);
      }
    });
  });
});

const ZONES = [
  'UTC', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'America/Santiago', 'America/Sao_Paulo',
  'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Tokyo', 'Australia/Sydney', 'Australia/Lord_Howe', 'Pacific/Auckland',
  'Pacific/Chatham', 'Africa/Cairo', 'Asia/Tehran', 'Pacific/Kiritimati', 'Pacific/Pago_Pago',
];
const instant = fc.integer({ min: at('2012-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z') });
const zone = fc.constantFrom(...ZONES);
const firstDay = fc.constantFrom<Weekday>(1, 2, 3, 4, 5, 6, 7);
const weekdayOf = ({ year, month, day }: { year: number; month: number; day: number }) =>
  ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
const dayKey = ({ year, month, day }: { year: number; month: number; day: number }) => year * 10_000 + month * 100 + day;

describe('weekRange properties (any instant 2012–2100, zones with and without daylight saving)', () => {
  it('contains the instant, starts on the first day of the week at its first instant, and lasts 7 days ± the clock change', () => {
    fc.assert(
      fc.property(instant, zone, firstDay, (now, timeZone, first) => {
        const { start, end } = weekRange(now, timeZone, first);
        expect(start <= now && now < end).toBe(true);
        const startDay = localDay(start, timeZone);
        expect(weekdayOf(startDay)).toBe(first);
        expect(dayKey(localDay(start - 1, timeZone))).toBeLessThan(dayKey(startDay));
        expect(Math.abs(end - start - WEEK)).toBeLessThanOrEqual(HOUR);
      }),
      { numRuns: 300 },
    );
  });

  it('weeks tile time: the week after ends where the next starts, every instant of a week gives that week', () => {
    fc.assert(
      fc.property(instant, zone, firstDay, fc.double({ min: 0, max: 1, noNaN: true }), (now, timeZone, first, fraction) => {
        const week = weekRange(now, timeZone, first);
        expect(weekRange(week.start, timeZone, first)).toEqual(week);
        expect(weekRange(week.end - 1, timeZone, first)).toEqual(week);
        expect(weekRange(week.end, timeZone, first).start).toBe(week.end);
        const inside = Math.min(week.end - 1, week.start + Math.floor((week.end - week.start) * fraction));
        expect(weekRange(inside, timeZone, first)).toEqual(week);
      }),
      { numRuns: 200 },
    );
  });

  it("startOfLocalDay is the day's first instant: the instant before it is the day before", () => {
    fc.assert(
      fc.property(instant, zone, (now, timeZone) => {
        const today = localDay(now, timeZone);
        const start = startOfLocalDay(today.year, today.month, today.day, timeZone);
        expect(localDay(start, timeZone)).toEqual(today);
        expect(dayKey(localDay(start - 1, timeZone))).toBeLessThan(dayKey(today));
        expect(start).toBeLessThanOrEqual(now);
      }),
      { numRuns: 300 },
    );
  });
});
