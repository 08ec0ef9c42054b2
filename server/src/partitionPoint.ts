/**
 * In a list where `before` holds for a first run of items and for none after it (a sorted list and "comes at or
 * before x"), the index of the first item it does not hold for: how many it holds for. A binary search, so
 * log2(n) calls of `before`, whatever the list's length.
 *
 * @example
 * partitionPoint([10, 12, 15], (day) => day <= 12); // 2
 */
export function partitionPoint<T>(list: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
