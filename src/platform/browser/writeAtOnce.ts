import { promisifyRequest, type UseStore } from 'idb-keyval';

/**
 * One readwrite transaction, committed as soon as `place` has placed its requests: Chromium drops a transaction left
 * to auto-commit while the page is being unloaded, so a write made on pagehide would never land.
 *
 * @example
 * await writeAtOnce(store, (os) => os.put(value, key));
 */
export const writeAtOnce = (store: UseStore, place: (os: IDBObjectStore) => void): Promise<void> =>
  store('readwrite', (os) => {
    place(os);
    os.transaction.commit?.();
    return promisifyRequest(os.transaction);
  });
