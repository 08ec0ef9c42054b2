import type { WireEvent } from './types';

/**
 * The events of `lists` once each (the first with each id), in order.
 *
 * @example
 * uniqueEvents(queued, stored, pending);
 */
export const uniqueEvents = (...lists: WireEvent[][]): WireEvent[] => {
  const byId = new Map<string, WireEvent>();
  for (const event of lists.flat()) if (!byId.has(event.id)) byId.set(event.id, event);
  return [...byId.values()];
};
