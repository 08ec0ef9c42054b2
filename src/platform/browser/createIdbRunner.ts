import { createStore, type UseStore } from 'idb-keyval';
import type { IdbStorageOptions } from './createIdbStorage';

/**
 * How `createIdbStorage` runs each operation: on IndexedDB until it fails once, then in memory for the rest of the
 * session (telling `onFallback` once). Each call gets the IndexedDB operation, the same operation in memory, and
 * what to answer if both fail, so no call ever rejects.
 *
 * @example
 * const run = createIdbRunner({ onFallback: console.warn });
 * const value = await run((store) => store('readonly', (os) => promisifyRequest(os.get(key))), () => memory.get(key), undefined);
 */
export function createIdbRunner({ onFallback, dbName, openTimeout = 5000 }: IdbStorageOptions) {
  let store: UseStore | undefined;
  let fallen = false;
  // Settles when the first operation does, or rejects after `openTimeout`: every operation waits for it, so none
  // hangs on a database that never opens.
  let opened: Promise<unknown> | undefined;

  const fall = (error: unknown) => {
    if (fallen) return;
    fallen = true;
    try {
      const e = error as Error | null | undefined;
      const why = e?.name ? `${e.name}: ${e.message}` : String(error ?? 'transaction aborted');
      onFallback(`IndexedDB unavailable (${why}); keeping state in memory for this session`);
    } catch {}
  };

  // A write IndexedDB accepted after another call fell back is repeated in memory, where
  // every read now goes (`write`; a `false` from setIfAbsent wrote nothing).
  return <T>(idb: (store: UseStore) => Promise<T>, mem: () => Promise<T>, fallback: T, write?: boolean): Promise<T> => {
    if (!fallen)
      try {
        if (typeof indexedDB === 'undefined') throw 'no indexedDB in this environment';
        if (!store) store = createStore(dbName ?? 'waymark', 'kv');
        const op = idb(store);
        if (!opened)
          opened = new Promise((ok, no) => {
            const timer = setTimeout(no, openTimeout, `the database did not open within ${openTimeout} ms`);
            op.then(ok, ok).then(() => clearTimeout(timer));
          });
        return Promise.race([op, opened.then(() => op)])
          .then(
            (result) => (fallen && write && result !== false ? mem().then(() => result) : result),
            (error) => {
              fall(error);
              return mem();
            },
          )
          .catch(() => fallback);
      } catch (error) {
        fall(error);
      }
    return mem().catch(() => fallback);
  };
}
