import { DAY, MINUTE } from './timeUnits';

/**
 * The calendar day of `timestamp` in the local time zone, as a day count since 1970-01-01.
 * Consecutive local days give consecutive numbers, across DST changes too.
 *
 * @example
 * dayNumber(Date.parse('2026-11-02T10:00:00')) - dayNumber(Date.parse('2026-11-01T23:59:00')); // 1
 */
export function dayNumber(timestamp: number): number {
  const d = new Date(timestamp);
  const offset = d.getTimezoneOffset();
  // One local-time read instead of three (a streak's event spent most of its time here). The offset comes in whole
  // minutes: exact since 1970 in every zone on a quarter-hour offset. Local mean times (offsets in seconds, before
  // 1900, and in Liberia until 1972) take the calendar fields.
  if (timestamp >= 0 && offset % 15 === 0) return Math.floor((timestamp - offset * MINUTE) / DAY);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY;
}
