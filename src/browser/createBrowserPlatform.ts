import type { SyncPlatform } from '../sync/types';
import { electWithChannel } from './electWithChannel';

const noop = () => {};

/**
 * The browser's `SyncPlatform`: `navigator.onLine` and the `online` event, one sending tab per
 * name through Web Locks (released by the browser when the tab closes), else a BroadcastChannel
 * election, else this tab alone; a BroadcastChannel to the other tabs; and localStorage for what a
 * page being unloaded writes. Every feature is looked up when used, never at import.
 *
 * @example
 * const sync = createSync({ ...options, platform: createBrowserPlatform() });
 */
/* @__NO_SIDE_EFFECTS__ */
export function createBrowserPlatform(): SyncPlatform {
  const nav = () => (typeof navigator === 'object' ? navigator : undefined);
  return {
    online: () => nav()?.onLine !== false,
    onOnline(listener) {
      if (typeof addEventListener !== 'function') return noop;
      addEventListener('online', listener);
      return () => removeEventListener('online', listener);
    },
    lead(name, listener) {
      const locks = nav()?.locks;
      if (locks?.request) {
        const abort = new AbortController();
        let free = noop;
        // Held until released: the callback's promise settles only then.
        locks
          .request(name, { signal: abort.signal }, () => (listener(true), new Promise<void>((resolve) => (free = resolve))))
          .catch(noop);
        return () => {
          abort.abort();
          free();
        };
      }
      if (typeof BroadcastChannel === 'function') return electWithChannel(name, listener);
      listener(true);
      return noop;
    },
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
    channel(name, onMessage) {
      if (typeof BroadcastChannel !== 'function') return;
      const channel = new BroadcastChannel(name);
      channel.onmessage = (event) => onMessage(event.data);
      return {
        post(message) {
          try {
            channel.postMessage(message);
          } catch {}
        },
        close: () => channel.close(),
      };
    },
  };
}
