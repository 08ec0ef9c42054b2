import { IDBFactory } from 'fake-indexeddb';
import type { SetupServer } from 'msw/node';
import { vi } from 'vitest';
import { createWaymark } from '../src/index';
import type { MilestoneDefinition, Waymark, WaymarkError, WaymarkOptions } from '../src/types';

/** A fresh fake IndexedDB as the global one, as a browser profile would have: call per test. */
export function freshIndexedDB() {
  (globalThis as any).indexedDB = new IDBFactory();
}

export const defs: MilestoneDefinition[] = [
  { id: 'first-project', title: 'Create your first project', rule: { event: 'project_created' } },
  { id: 'five-tasks', title: 'Add 5 tasks', rule: { event: 'task_added', count: 5 } },
  { id: 'invite', title: 'Invite a teammate', rule: { event: 'member_invited' }, requires: ['first-project'] },
];

const created = new Set<Waymark>();

/** A client with recorded errors and achievements, destroyed by `destroyClients()` after the test. */
export function client(options: Partial<WaymarkOptions> = {}) {
  const errors: WaymarkError[] = [];
  const achieved: string[] = [];
  const wm = createWaymark({ projectKey: 'pk_test', milestones: defs, ...options } as WaymarkOptions);
  created.add(wm);
  wm.on('error', (e) => errors.push(e));
  wm.on('achieved', (m) => achieved.push(m.id));
  return { wm, errors, achieved };
}

/** A client made some other way, destroyed with the others by `destroyClients()`. */
export function destroyLater<T extends Waymark>(wm: T): T {
  created.add(wm);
  return wm;
}

/** Destroys every client `client()` made: for afterEach, so a failing test leaves no client running. */
export function destroyClients() {
  // A client the test itself destroyed (what it tests) would warn of a second destroy(): not worth a line here.
  const warn = console.warn;
  console.warn = () => {};
  try {
    for (const wm of created) wm.destroy();
  } finally {
    console.warn = warn;
    created.clear();
  }
}

/**
 * Resolves once `check()` holds: at once, or at the change of `wm` that makes it hold (another tab's events arrive
 * over a real BroadcastChannel, so a test waits for them rather than for a time).
 */
export function until(wm: Waymark, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const off = wm.on('change', () => {
      if (!check()) return;
      off();
      resolve();
    });
  });
}

/**
 * Resolves when the msw `server` has answered the next request of this method to a path ending in `path`: ask
 * before the request can start (then a test waits for the backend, not for a time).
 */
export function answered(server: SetupServer, method: 'GET' | 'POST', path: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = ({ request }: { request: Request }) => {
      if (request.method !== method || !new URL(request.url).pathname.endsWith(path)) return;
      server.events.removeListener('response:mocked', listener);
      resolve();
    };
    server.events.on('response:mocked', listener);
  });
}

/**
 * Fake timers for the client's own windows (the 100 ms coalesced write, the sync's batching and retries), with
 * fake-indexeddb, BroadcastChannel and msw left on the real event loop (setImmediate and I/O are not faked).
 */
export const useFakeTimers = () =>
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    now: Date.UTC(2026, 10, 2, 9),
  });
