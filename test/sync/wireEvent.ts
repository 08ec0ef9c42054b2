import type { WireEvent } from '../../src/sync/types';

/** The outbox's storage key in the sync unit tests. */
export const OUTBOX_KEY = 'wm:pk:outbox';

/**
 * A minimal wire event numbered `n` (id `e<n>`), for tests of the outbox and its segments.
 *
 * @example
 * outbox.add(wireEvent(1)); // { id: 'e1', type: 'track', name: 'e', … }
 */
export const wireEvent = (n: number): WireEvent => ({
  id: `e${n}`,
  type: 'track',
  name: 'e',
  anonymousId: 'a',
  timestamp: '2026-11-23T10:00:00.000Z',
});
