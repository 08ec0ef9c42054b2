import type { connectSync } from './connectSync';
import type { createSync } from '../sync/createSync';
import type { SyncPlatform, Transport } from '../sync/types';
import type { WaymarkStorage } from '../types';
import type { createSession } from './createSession';

/** A channel to the other tabs of this origin. */
export interface TabChannel {
  post(message: unknown): void;
  close(): void;
}

/** This tab's mark among the tabs of its origin, to know when it is the only one. */
export interface TabPresence {
  /** Whether another tab may be open (one that is frozen or still opening included). */
  othersOpen(): Promise<boolean>;
  /** Removes this tab's mark. */
  close(): void;
}

/** What the page tells the client: it is hidden or left, shown again, and time passes. */
export interface PageListeners {
  /** The page is hidden (`leaving` false) or being unloaded (`leaving` true: it may get no further turn). */
  hide(leaving: boolean): void;
  /** About once a minute while the page is visible, and when it is shown again (due dates, streaks). */
  tick(): void;
  /** The page is visible again. */
  show(): void;
}

/**
 * What a session runs on: storage, the other tabs, the page's lifecycle and random ids. The browser's is
 * `createBrowserPlatform` (src/platform/browser/); nothing in the client reads a browser global itself.
 *
 * @example
 * const session = await createSession({ ...options, platform: createBrowserPlatform() });
 */
export interface Platform {
  /** The storage the `storage` option names. `onFallback` hears, once, that a persistent storage moved to memory. */
  openStorage(kind: 'indexeddb' | 'memory', onFallback: (reason: string) => void): WaymarkStorage;
  /**
   * Whether a storage of this kind may be shared with other tabs (then one tab sends and they talk over the tab
   * channel). A storage of the host's own counts as shared only in a page.
   */
  sharesStorage(kind: 'indexeddb' | 'custom'): boolean;
  /** A channel to the other tabs of this origin; undefined where there is none. */
  openTabChannel(name: string, onMessage: (message: unknown) => void): TabChannel | undefined;
  /**
   * Marks this tab as open under `name` until `close()`, so that a tab can tell it is alone and skip sharing its events;
   * absent, or undefined, where the platform cannot tell (then every event is shared).
   */
  announceTab?(name: string, tabId: string): TabPresence | undefined;
  /** Calls the listeners as the page is hidden, shown and time passes; returns the function that stops it all. */
  watchPage(listeners: PageListeners): () => void;
  /** A new random id that cannot be guessed: 128 bits as 32 hex digits (an anonymous id is a bearer secret). */
  randomId(): string;
}

/**
 * The parts of a client that are loaded after it is created, each with the platform it runs on, and the clock
 * (read at once). The entry point hands them in (src/createWaymark.ts for the browser): in the ESM build each
 * loader is a chunk of its own; the script-tag build holds them in the same file.
 *
 * @example
 * const wm = createClient(options, {
 *   now: Date.now,
 *   loadSession: () => import('./sessionParts'),
 *   loadSync: () => import('./syncParts'),
 * });
 */
export interface ClientParts {
  /** The clock, epoch milliseconds: the default of the `now` option. */
  now: () => number;
  /** The stateful half (engine, storage, users, tabs) and the platform it runs on; loaded as the client starts. */
  loadSession(): Promise<{ createSession: typeof createSession; createPlatform: () => Platform }>;
  /**
   * The sync and what it sends over: a transport, and the sync's platform (online state, one sending tab, the tab
   * channel, a synchronous spill for a closing page), with what connects a session to it (its events, achievements
   * and the pull of the user's state); loaded only with an `endpoint`.
   */
  loadSync(): Promise<SyncParts>;
}

/** What `ClientParts.loadSync` loads: src/syncParts.ts for the browser. */
export interface SyncParts {
  connectSync: typeof connectSync;
  createSync: typeof createSync;
  createTransport: () => Transport;
  createSyncPlatform: () => SyncPlatform;
}
