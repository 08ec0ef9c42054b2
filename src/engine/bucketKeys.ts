// A rolling window's buckets are kept under their start (epoch ms) as a string key, in the stored document. Between
// the two forms is most of what a window costs per event (a 13-digit key parses in about 150 ns, and a number used as
// a key is turned into a string on every access), while the same few keys come round on every event: both directions
// are remembered, up to MAX of each, then forgotten at once.
const MAX = 1000;
const starts = new Map<string, number>();
const keys = new Map<number, string>();

/**
 * The start (epoch ms) of the bucket stored under `key`.
 *
 * @example
 * bucketStart('1764547200000'); // 1764547200000
 */
export function bucketStart(key: string): number {
  let start = starts.get(key);
  if (start === undefined) {
    if (starts.size >= MAX) starts.clear();
    start = +key;
    starts.set(key, start);
  }
  return start;
}

/**
 * The key the bucket starting at `start` (epoch ms) is stored under.
 *
 * @example
 * bucketKey(1764547200000); // '1764547200000'
 */
export function bucketKey(start: number): string {
  let key = keys.get(start);
  if (key === undefined) {
    if (keys.size >= MAX) keys.clear();
    key = String(start);
    keys.set(start, key);
  }
  return key;
}
