const noop = () => {};

/**
 * Browser glue: holds the Web Lock `name` until the returned function is called, which also withdraws a request
 * still waiting; `granted` runs once the lock is held. The browser releases it when the tab closes.
 *
 * @example
 * const release = holdLock(navigator.locks, 'wm:pk_demo:sender', () => console.log('this tab sends'));
 * release();
 */
export function holdLock(locks: LockManager, name: string, granted: () => void = noop): () => void {
  const abort = new AbortController();
  let release = noop;
  // Held until released: the callback's promise settles only then.
  locks
    .request(name, { signal: abort.signal }, () => {
      granted();
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    })
    .catch(noop);
  return () => {
    abort.abort();
    release();
  };
}
