// A rolling window's buckets are kept under their start (epoch ms) as a string key, in the stored document. Between
// the two forms is most of what a window costs per event (a 13-digit key parses in about 150 ns, and a number used as
// a key is turned into a string on every access), while the same few keys come round on every event: both directions
// are remembered in one map (a string and a number are different keys), up to 2,000 entries, then forgotten at once.
const remembered = new Map<string | number, string | number>();

const remember = (from: string | number, convert: (value: string | number) => string | number) => {
  let to = remembered.get(from);
  if (to === undefined) {
    if (remembered.size >= 2000) remembered.clear();
    to = convert(from);
    remembered.set(from, to);
  }
  return to;
};

/**
 * The start (epoch ms) of the bucket stored under `key`.
 *
 * @example
 * bucketStart('1764547200000'); // 1764547200000
 */
export const bucketStart = (key: string) => remember(key, Number) as number;

/**
 * The key the bucket starting at `start` (epoch ms) is stored under.
 *
 * @example
 * bucketKey(1764547200000); // '1764547200000'
 */
export const bucketKey = (start: number) => remember(start, String) as string;
