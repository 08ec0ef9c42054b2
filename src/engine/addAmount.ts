import type { LeafState } from './createLeaf';

/**
 * Adds `amount` (1 for a count; a sum's property, ignored unless a finite number) at `ts` to `s`; with a rolling
 * window of `last` ms, into the time bucket of `size` ms that holds `ts`, dropping buckets out of the window.
 * Whether the total changed.
 *
 * @example
 * const s = { n: 0 };
 * addAmount(s, 42, Date.now(), 0, 0); // true: s.n === 42
 */
export function addAmount(s: LeafState, amount: unknown, ts: number, last: number | undefined, size: number): boolean {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return false;
  if (last) {
    s.b ||= {};
    const b = s.b;
    const start = Math.floor(ts / size) * size;
    if (!(start in b)) {
      for (const k in b) if (+k + size <= ts - last) delete b[k];
      b[start] = 0;
    }
    b[start] += amount;
  }
  s.n += amount;
  return amount !== 0;
}
