import type { Platform } from '../../client/Platform';
import { createMemoryStorage } from '../createMemoryStorage';
import { announceTab } from './announceTab';
import { createIdbStorage } from './createIdbStorage';
import { openTabChannel } from './openTabChannel';
import { randomId } from './randomId';
import { watchPage } from './watchPage';

/**
 * The browser's `Platform` for a session: IndexedDB (or memory) storage, a BroadcastChannel to the other tabs and a
 * Web Lock per tab (to know when one is alone), the page's visibility and pagehide, and ids from Web Crypto. Each
 * feature is looked up when used, never at import, so it also runs (inertly) in Node and during server rendering.
 *
 * @example
 * const session = await createSession({ ...options, platform: createBrowserPlatform() });
 */
/* @__NO_SIDE_EFFECTS__ */
export function createBrowserPlatform(): Platform {
  return {
    openStorage: (kind, onFallback) => (kind === 'memory' ? createMemoryStorage() : createIdbStorage({ onFallback })),
    // In a page, tabs share IndexedDB and any storage of the page's own; outside one (SSR, a server), only a real
    // IndexedDB is shared.
    sharesStorage: (kind) => typeof document === 'object' || (kind === 'indexeddb' && typeof indexedDB === 'object'),
    openTabChannel,
    announceTab,
    watchPage,
    randomId,
  };
}
