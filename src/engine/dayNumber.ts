/**
 * The calendar day of `timestamp` in the local time zone, as a day count since 1970-01-01.
 * Consecutive local days give consecutive numbers, across DST changes too.
 *
 * @example
 * dayNumber(Date.parse('2026-11-02T10:00:00')) - dayNumber(Date.parse('2026-11-01T23:59:00')); // 1
 */
export function dayNumber(timestamp: number): number {
  const d = new Date(timestamp);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5;
}
