import type { SyncStorage } from './types';
import { change } from './wireList';

/** What the storage holds under the lease's key: who sends, and until when (wall-clock ms). */
interface LeaseRecord {
  holder: string;
  until: number;
}

const isLease = (x: unknown): x is LeaseRecord =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as LeaseRecord).holder === 'string' &&
  typeof (x as LeaseRecord).until === 'number';

/**
 * Who sends, where tabs share a storage but there are no Web Locks (Node, older browsers): a lease in the storage,
 * taken with an atomic update when free or expired, renewed by its holder as it sends, and given back when it goes.
 * A tab that closed without giving it back is replaced once the lease runs out (`ttl`), the next time another tab
 * has something to send. Wall-clock time, not the client's `now`: a demo clock moved by days must not hand it over.
 *
 * @example
 * const lease = createLease(storage, 'wm:pk_demo:sender', tabId);
 * if (await lease.take()) await sendBatch();
 * await lease.release();
 */
/* @__NO_SIDE_EFFECTS__ */
export function createLease(storage: SyncStorage, key: string, me: string, ttl = 30_000) {
  // The end of the lease this client last wrote; 0 when it holds none.
  let until = 0;
  const write = (fn: (old: unknown) => unknown): Promise<void> => change(storage, key, fn);

  return {
    /** Takes the lease, or renews it when half of it is gone; true when this client holds it. */
    async take(): Promise<boolean> {
      const now = Date.now();
      // Still well within it: nobody else can have taken it, so no write is needed.
      if (until - now > ttl / 2) return true;
      let mine = false;
      await write((old) => {
        mine = !isLease(old) || old.until <= now || old.holder === me;
        return mine ? { holder: me, until: now + ttl } : old;
      });
      until = mine ? now + ttl : 0;
      return mine;
    },
    /** Gives the lease back, so another tab may send at once. */
    async release(): Promise<void> {
      if (!until) return;
      until = 0;
      await write((old) => (isLease(old) && old.holder === me ? { holder: me, until: 0 } : old));
    },
  };
}
