import type { WireEvent } from './types';

/**
 * Picks the next request's events: up to `size` events of one user, the user of the oldest event that may go, oldest
 * first, so that each request carries one user's token (anonymous events, with no `userId`, go together).
 * Events `busy` (in flight) are passed over, and so are those of users `held` back (waiting for a token); `held`
 * in the answer counts the latter, so batching can leave them out of "a full batch waits". The walk stops once the
 * batch is full, so a batch costs the events before its last, not the backlog; `held` then counts those held back
 * among them (a walk that does not fill a batch, as the last of a drain, counts them all).
 *
 * @example
 * const { batch, held } = batchByUser(queue.each(), 20, (e) => inflight.has(e.id), tokens.held);
 */
export function batchByUser(
  events: Iterable<WireEvent>,
  size: number,
  busy: (event: WireEvent) => boolean,
  isHeld: (userId: string | undefined) => boolean,
): { batch: WireEvent[]; held: number } {
  const batch: WireEvent[] = [];
  let held = 0;
  let user: string | undefined;
  for (const event of events) {
    if (busy(event)) continue;
    if (isHeld(event.userId)) {
      held++;
      continue;
    }
    if (batch.length === 0) user = event.userId;
    if (event.userId !== user) continue;
    batch.push(event);
    if (batch.length >= size) break;
  }
  return { batch, held };
}

/**
 * Splits events into one list per user (anonymous events together), each in order, the users in order of their
 * oldest event: what a page hide sends, one request per user at least.
 *
 * @example
 * for (const events of groupByUser(all)) await send(events);
 */
export function groupByUser(events: WireEvent[]): WireEvent[][] {
  const groups = new Map<string | undefined, WireEvent[]>();
  for (const event of events) {
    const group = groups.get(event.userId);
    if (group) group.push(event);
    else groups.set(event.userId, [event]);
  }
  return [...groups.values()];
}
