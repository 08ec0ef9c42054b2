import type { SyncPlatform } from '../../sync/types';
import { holdLock } from './holdLock';
import { openTabChannel } from './openTabChannel';

const noop = () => {};

/**
 * The browser's `SyncPlatform`: `navigator.onLine` and the `online` event, one sending tab per
 * name through Web Locks (released by the browser when the tab closes; where there are none, `lead` is
 * absent and the sync elects a sender with a lease in the shared storage); a BroadcastChannel to the other
 * tabs; and localStorage for what a page being unloaded writes. Every feature is looked up when used, never at import.
 *
 * @example
 * const sync = createSync({ ...options, platform: createSyncPlatform() });
 */
/* @__NO_SIDE_EFFECTS__ */
export function createSyncPlatform(): SyncPlatform {
  const nav = () => (typeof navigator === 'object' ? navigator : undefined);
  const lead: SyncPlatform['lead'] = (name, listener) => holdLock(nav()!.locks, name, () => listener(true));
  return {
    online: () => nav()?.onLine !== false,
    onOnline(listener) {
      if (typeof addEventListener !== 'function') return noop;
      addEventListener('online', listener);
      return () => removeEventListener('online', listener);
    },
    // Web Locks are looked up now: without them the sync's storage lease takes over, so `lead` must be absent.
    lead: nav()?.locks?.request ? lead : undefined,
    spill: {
      put(key, value) {
        try {
          localStorage.setItem(key, JSON.stringify(value));
          return true;
        } catch {
          return false;
        }
      },
      entries(prefix) {
        const out: [string, unknown][] = [];
        try {
          for (let i = 0; i < localStorage.length; i++) {
            const key = localStorage.key(i);
            if (key?.startsWith(prefix))
              try {
                out.push([key, JSON.parse(localStorage.getItem(key)!)]);
              } catch {}
          }
        } catch {}
        return out;
      },
      remove(key) {
        try {
          localStorage.removeItem(key);
        } catch {}
      },
    },
    channel: openTabChannel,
  };
}
