import { describe } from './readOptions';
import type { WaymarkError } from '../types';

/**
 * The time of a tracked event: `timestamp` (epoch ms, a Date or an ISO string) when the host gave one it can read,
 * else `at`, the time of the call (a timestamp it cannot read is reported).
 *
 * @example
 * readTimestamp('2026-12-01T10:00:00Z', Date.now(), report); // 1796119200000
 */
export function readTimestamp(timestamp: unknown, at: number, report: (error: WaymarkError) => void): number {
  if (timestamp === undefined) return at;
  const t = timestamp;
  const ts = typeof t === 'number' ? t : t instanceof Date ? t.getTime() : typeof t === 'string' ? Date.parse(t) : NaN;
  if (Number.isFinite(ts)) return ts;
  report({
    code: 'invalid_argument',
    path: 'track.options.timestamp',
    message: `expected epoch ms, a Date or an ISO string, got ${describe(t)}; using the time of the call`,
  });
  return at;
}
