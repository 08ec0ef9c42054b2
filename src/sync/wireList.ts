import type { SyncStorage, WireEvent } from './types';

/**
 * A stored value read as a list of events: anything else (nothing stored yet, a value of an older version) is none.
 *
 * @example
 * const inbox = wireList(await storage.get('wm:pk_demo:outbox'));
 */
export const wireList = (value: unknown): WireEvent[] => (Array.isArray(value) ? value : []);

/**
 * An atomic read-modify-write of one key where the storage has `update`; else a get and a set (a custom storage
 * without it accepts that two tabs may interleave).
 *
 * @example
 * await change(storage, 'wm:pk_demo:outbox:queue', (old) => ({ ...toBounds(old), head: 3 }));
 */
export const change = (storage: SyncStorage, key: string, fn: (old: unknown) => unknown): Promise<void> =>
  storage.update ? storage.update(key, fn) : storage.get(key).then((old) => storage.set(key, fn(old)));
