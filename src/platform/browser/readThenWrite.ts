import { promisifyRequest, type UseStore } from 'idb-keyval';

/**
 * One readwrite transaction: a read of `key`, then what `then` writes from it, so another tab cannot interleave.
 * An error thrown in the request's handler aborts the transaction and rejects (left there, it would surface as an
 * uncaught error in the host page).
 *
 * @example
 * await readThenWrite(store, key, 'get', (os, old) => os.put(updater(old), key));
 */
export const readThenWrite = <T>(
  store: UseStore,
  key: string,
  read: 'get' | 'count',
  then: (os: IDBObjectStore, result: unknown) => T,
): Promise<T> =>
  store('readwrite', (os) => {
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
