import type { WireEvent } from './types';

/**
 * Splits events, in order, into runs whose JSON stays under `limit` bytes (UTF-8, counted
 * conservatively), so each request fits the 64 KB keepalive budget. An event larger than
 * `limit` travels alone.
 *
 * @example
 * chunkEvents(events, 60_000).forEach((chunk) => send(chunk));
 */
export function chunkEvents(events: WireEvent[], limit: number): WireEvent[][] {
  const out: WireEvent[][] = [];
  let size = limit;
  for (const e of events) {
    const json = JSON.stringify(e);
    // Each UTF-16 unit outside ASCII becomes at most 3 bytes: an upper bound without an encoder.
    const n = json.length + 2 * (json.match(/[^\0-\x7f]/g) || '').length + 1;
    if (size + n > limit) {
      out.push([]);
      size = 0;
    }
    out[out.length - 1].push(e);
    size += n;
  }
  return out;
}
