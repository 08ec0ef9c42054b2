/**
 * Coalesces writes: any number of `schedule()` calls within `delay` ms become one `write()`.
 * Writes never overlap, but for `flush(true)`; `flush()` writes now if anything is pending and resolves when the last
 * write settled. IndexedDB runs transactions in the order they were made, so an overlapping write still lands last.
 *
 * @example
 * const saver = createSaver(() => storage.set(key, doc), 100);
 * saver.schedule_(); saver.schedule_(); // one write, 100 ms later
 * await saver.flush();
 */
/* @__NO_SIDE_EFFECTS__ */
export function createSaver(write: () => Promise<void>, delay: number, onError: (error: unknown) => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  let chain = Promise.resolve();
  /** `now`: start the write at once, not after the one under way (a page being unloaded gets no further turn). */
  const flush = (now?: boolean) => {
    clearTimeout(timer);
    timer = undefined;
    if (dirty) {
      dirty = false;
      if (now) {
        const written = write().catch(onError);
        chain = chain.then(() => written);
      } else chain = chain.then(write).catch(onError);
    }
    return chain;
  };
  return {
    schedule_() {
      dirty = true;
      timer ||= setTimeout(flush, delay);
    },
    flush,
    /** Forgets a pending write (the document it would write is being deleted). */
    cancel_() {
      dirty = false;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
