import { createClient } from './client/createClient';
import type { ClientParts } from './client/Platform';
import type { Waymark, WaymarkOptions } from './types';

// The browser's parts, each loaded when first needed: the session as the client starts, the sync with an endpoint.
const browser: ClientParts = {
  // Read at each call, not kept: a test's fake clock replaces Date.now after this module loaded.
  now: () => Date.now(),
  loadSession: () => import('./sessionParts'),
  loadSync: () => import('./syncParts'),
};

/**
 * Creates a waymark client: evaluates milestones locally, keeps progress in IndexedDB, and never throws.
 * This is the thin, synchronous half; the engine and the user's state load with `ready`, and calls made
 * before that wait in order.
 *
 * @example
 * const wm = createWaymark({
 *   projectKey: 'pk_demo',
 *   milestones: [{ id: 'ten-tasks', title: 'Complete 10 tasks', rule: { event: 'task_completed', count: 10 } }],
 * });
 * wm.on('achieved', (m) => console.log('🎉', m.title));
 * wm.track('task_completed');
 */
export function createWaymark(options: WaymarkOptions): Waymark {
  return createClient(options, browser);
}
