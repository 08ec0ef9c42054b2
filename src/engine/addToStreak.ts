import type { LeafState } from './createLeaf';
import { dayNumber } from './dayNumber';

/**
 * Counts a streak's event at `ts` in `s`: a day after the run's last day extends it, a later day starts a new run,
 * the day before the run's first day (a backdated event) extends it backwards; the same day changes nothing.
 * Whether `s` changed.
 *
 * @example
 * const s = { n: 0 };
 * addToStreak(s, Date.now()); // true: s.n === 1, s.best === 1
 */
export function addToStreak(s: LeafState, ts: number): boolean {
  const day = dayNumber(ts);
  const d = s.d;
  if (d === undefined || day > d + 1) {
    s.n = 1;
    s.d = day;
  } else if (day === d + 1) {
    s.n++;
    s.d = day;
  } else if (day === d - s.n) s.n++;
  else return false;
  s.best = Math.max(s.best || 0, s.n);
  return true;
}
