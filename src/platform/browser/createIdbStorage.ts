import { promisifyRequest } from 'idb-keyval';
import { createIdbRunner } from './createIdbRunner';
import { readThenWrite } from './readThenWrite';
import { writeAtOnce } from './writeAtOnce';
import { createMemoryStorage } from '../createMemoryStorage';
import type { WaymarkStorage } from '../../types';

export interface IdbStorageOptions {
  /** Called once, with a readable reason, when IndexedDB fails and state moves to memory. */
  onFallback: (reason: string) => void;
  /** Database name; default `'waymark'` (object store `'kv'`). */
  dbName?: string;
  /** How long the first operation may wait for the database to open before state moves to memory; default 5000 ms. */
  openTimeout?: number;
}

/**
 * A `WaymarkStorage` on IndexedDB (idb-keyval). Opens nothing until first used. When IndexedDB
 * is missing (SSR, Node), cannot be opened (private mode, SecurityError) or a write fails
 * (QuotaExceededError), it calls `onFallback` once and keeps everything in memory for the rest
 * of the session, the failed write included. So it does when the database has not opened after
 * `openTimeout` (an open that never settles, as in some Safari versions). No method ever rejects.
 *
 * @example
 * const storage = createIdbStorage({ onFallback: (reason) => console.warn(reason) });
 * await storage.set('k', { n: 1 });
 * await storage.setIfAbsent('claim', Date.now()); // true in one tab only
 */
/* @__NO_SIDE_EFFECTS__ */
export function createIdbStorage(options: IdbStorageOptions): WaymarkStorage {
  const memory = createMemoryStorage();
  const run = createIdbRunner(options);
  return {
    get: (key) =>
      run(
        (s) => s('readonly', (os) => promisifyRequest(os.get(key))),
        () => memory.get(key),
        undefined,
      ),
    set: (key, value) =>
      run(
        (s) => writeAtOnce(s, (os) => os.put(value, key)),
        () => memory.set(key, value),
        undefined,
        true,
      ),
    del: (key) =>
      run(
        (s) => writeAtOnce(s, (os) => os.delete(key)),
        () => memory.del(key),
        undefined,
        true,
      ),
    keys: () =>
      run(
        // getAllKeys is in every browser the ES2020 build runs in: idb-keyval's cursor fallback (and its default
        // store, which its `get` and `keys` pull in) would only add bytes.
        (s) => s('readonly', (os) => promisifyRequest(os.getAllKeys() as IDBRequest<string[]>)),
        () => memory.keys!(),
        [],
      ),
    // One readwrite transaction: a read-modify-write that another tab cannot interleave with.
    update: (key, updater) =>
      run(
        (s) =>
          readThenWrite(s, key, 'get', (os, old) => {
            os.put(updater(old), key);
            os.transaction.commit?.();
          }),
        () => memory.update!(key, updater),
        undefined,
        true,
      ),
    setIfAbsent: (key, value) =>
      run(
        // IndexedDB runs transactions on the same store one at a time, across tabs too, so only one caller sees the
        // key absent.
        (s) =>
          readThenWrite(s, key, 'count', (os, count) => {
            if (count) return false;
            os.put(value, key);
            return true;
          }),
        () => memory.setIfAbsent(key, value),
        false,
        true,
      ),
  };
}
