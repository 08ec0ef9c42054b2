import type { LeafState } from './createLeaf';

/**
 * Counts distinct value `key` (absent: nothing to count) seen at `ts` in `s`, keeping at most `cap` values. With a
 * rolling window (`windowed`), a value seen again is seen later, and past the cap the value seen longest ago makes
 * room. Whether `s` changed in a way that can change progress.
 *
 * @example
 * const s = { n: 0 };
 * addDistinct(s, 'kanban', Date.now(), 3, false); // true: s.n === 1
 */
export function addDistinct(
  s: LeafState,
  key: string | undefined,
  ts: number,
  cap: number,
  windowed: boolean,
): boolean {
  if (key === undefined) return false;
  s.v ||= {};
  const v = s.v;
  if (key in v) {
    if (ts > v[key]) v[key] = ts;
    return windowed;
  }
  if (s.n >= cap) {
    if (!windowed) return false;
    // Past the cap, the value seen longest ago leaves first: it is the first to fall out of the window.
    let oldest: string | undefined;
    for (const o in v) if (oldest === undefined || v[o] < v[oldest]) oldest = o;
    if (v[oldest!] >= ts) return false;
    delete v[oldest!];
    s.n--;
  }
  v[key] = ts;
  s.n++;
  return true;
}
