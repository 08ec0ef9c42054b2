import type { WaymarkStorage } from '../types';

/**
 * A `WaymarkStorage` in a Map, for tests, servers and privacy mode. Values are
 * structured-cloned on the way in and out, like IndexedDB does, so callers never share
 * objects with the store; a value IndexedDB could not clone (a function) rejects the same way.
 *
 * @example
 * const storage = createMemoryStorage();
 * await storage.setIfAbsent('claim', 1); // true
 * await storage.setIfAbsent('claim', 2); // false
 */
/* @__NO_SIDE_EFFECTS__ */
export function createMemoryStorage(): WaymarkStorage {
  const map = new Map<string, unknown>();
  return {
    get: async (key) => structuredClone(map.get(key)),
    set: async (key, value) => void map.set(key, structuredClone(value)),
    del: async (key) => void map.delete(key),
    // Synchronous underneath, so the check and the write cannot interleave with another call.
    setIfAbsent: async (key, value) => !map.has(key) && !!map.set(key, structuredClone(value)),
    update: async (key, updater) => void map.set(key, structuredClone(updater(structuredClone(map.get(key))))),
    keys: async () => [...map.keys()],
  };
}
