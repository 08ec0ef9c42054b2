import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber } from '../src/engine/dayNumber';
import { DAY, engineFixture, HOUR, ms } from './engine.helpers';

// Node re-reads TZ when it changes, so this file runs in Auckland (UTC+13 in November).
const saved = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Pacific/Auckland';
});
afterAll(() => {
  process.env.TZ = saved;
});

describe('calendar days follow the local time zone', () => {
  it('counts a streak by local days, not UTC days', () => {
    // 08:00 and 23:00 on 2 Nov in Auckland fall on 1 Nov and 2 Nov in UTC.
    const morning = Date.parse('2026-11-02T08:00:00+13:00');
    expect(dayNumber(morning)).toBe(dayNumber(morning + 15 * HOUR));
    const f = engineFixture([ms({ event: 'login', streak: 2 }, { id: 's' })], [], { start: morning });
    f.track('login');
    f.advance(15 * HOUR);
    f.track('login');
    expect(f.state('s')).toMatchObject({ current: 1, status: 'active' });
    f.advance(2 * HOUR); // 01:00 on 3 Nov locally, still 2 Nov in UTC
    f.track('login');
    expect(f.state('s')).toMatchObject({ status: 'achieved', current: 2 });
  });

  it('keeps consecutive day numbers across a DST change', () => {
    process.env.TZ = 'America/New_York'; // DST ended on 1 Nov 2026
    const sat = Date.parse('2026-10-31T12:00:00-04:00');
    expect(dayNumber(sat + DAY) - dayNumber(sat)).toBe(1);
    expect(dayNumber(sat + 2 * DAY) - dayNumber(sat)).toBe(2);
    expect(dayNumber(Date.parse('2026-11-01T23:30:00-05:00')) - dayNumber(sat)).toBe(1);
    process.env.TZ = 'Pacific/Auckland';
  });
});

describe('dayNumber', () => {
  // The calendar fields of the local date, the definition dayNumber's faster path must agree with.
  const byFields = (t: number) => {
    const d = new Date(t);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY;
  };
  const zones = [
    'Pacific/Auckland',
    'America/New_York',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'America/St_Johns',
    'Africa/Monrovia',
  ];

  it.each(zones)('gives the local calendar day in %s from 1850 to 2040, either side of every midnight', (zone) => {
    process.env.TZ = zone;
    const mismatches: string[] = [];
    // Every 5 h 7 min (so every time of day comes round), and 1 ms before, at and after each local midnight
    // (DST changes and offset changes included).
    for (let t = Date.UTC(1850, 0, 1); t < Date.UTC(2040, 0, 1); t += 5 * HOUR + 7 * 60_000 + 13) {
      if (dayNumber(t) !== byFields(t)) mismatches.push(new Date(t).toISOString());
    }
    for (let noon = Date.UTC(1850, 0, 1, 12); noon < Date.UTC(2040, 0, 1); noon += DAY) {
      const d = new Date(noon);
      const midnight = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
      for (const t of [midnight - 1, midnight, midnight + 1])
        if (dayNumber(t) !== byFields(t)) mismatches.push(new Date(t).toISOString());
    }
    process.env.TZ = 'Pacific/Auckland';
    expect(mismatches).toEqual([]);
  });
});
