import { bucketKey, bucketStart } from './bucketKeys';
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
    const key = bucketKey(Math.floor(ts / size) * size);
    const b = s.b && key in s.b ? s.b : openBucket(s, key, ts - last, size);
    b[key] += amount;
  }
  s.n += amount;
  return amount !== 0;
}

// A new bucket: the ones out of the window are left behind by copying the others, not deleted, since an object that
// has lost properties turns into a dictionary that is several times slower to go through on every event.
function openBucket(s: LeafState, key: string, windowStart: number, size: number): Record<string, number> {
  const kept: Record<string, number> = {};
  for (const k in s.b) if (bucketStart(k) + size > windowStart) kept[k] = s.b[k];
  kept[key] = 0;
  s.b = kept;
  return kept;
}
