import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
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
export function createIdbStorage({ onFallback, dbName, openTimeout = 5000 }: IdbStorageOptions): WaymarkStorage {
  const memory = createMemoryStorage();
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
  const run = <T>(
    idb: (store: UseStore) => Promise<T>,
    mem: () => Promise<T>,
    fallback: T,
    write?: boolean,
  ): Promise<T> => {
    if (!fallen)
      try {
        if (typeof indexedDB === 'undefined') throw 'no indexedDB in this environment';
        store ||= createStore(dbName ?? 'waymark', 'kv');
        const op = idb(store);
        opened ||= new Promise((ok, no) => {
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

  // One readwrite transaction, committed as soon as its requests are placed: Chromium drops a transaction left to
  // auto-commit while the page is being unloaded, so a write made on pagehide would never land.
  const write = (s: UseStore, place: (os: IDBObjectStore) => void) =>
    s('readwrite', (os) => {
      place(os);
      os.transaction.commit?.();
      return promisifyRequest(os.transaction);
    });

  // One readwrite transaction: a read of `key`, then what `then` writes from it. An error thrown in the request's
  // handler aborts the transaction and rejects (left there, it would surface as an uncaught error in the host page).
  const readWrite = <T>(
    s: UseStore,
    key: string,
    read: 'get' | 'count',
    then: (os: IDBObjectStore, result: unknown) => T,
  ): Promise<T> =>
    s('readwrite', (os) => {
      let answer: T;
      let failure: unknown;
      const request: IDBRequest = os[read](key);
      request.onsuccess = () => {
        try {
          answer = then(os, request.result);
        } catch (error) {
          failure = error;
          os.transaction.abort();
        }
      };
      return promisifyRequest(os.transaction).then(
        () => answer,
        (error) => Promise.reject(failure ?? error),
      );
    });

  return {
    get: (key) =>
      run(
        (s) => s('readonly', (os) => promisifyRequest(os.get(key))),
        () => memory.get(key),
        undefined,
      ),
    set: (key, value) =>
      run(
        (s) => write(s, (os) => os.put(value, key)),
        () => memory.set(key, value),
        undefined,
        true,
      ),
    del: (key) =>
      run(
        (s) => write(s, (os) => os.delete(key)),
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
          readWrite(s, key, 'get', (os, old) => {
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
          readWrite(s, key, 'count', (os, count) => {
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
