// Before `ready` the client answers `[]`, a new array on every call. React compares snapshots with Object.is, so a
// fresh empty array each time would re-render forever ("The result of getSnapshot should be cached"): every empty
// answer becomes this one array.
const NONE: never[] = [];

/**
 * The list itself, or one shared empty array when it is empty.
 *
 * @example
 * stableList([]) === stableList([]); // true
 */
export const stableList = <T>(list: T[]): T[] => (list.length > 0 ? list : NONE);
