import type { WireEvent } from './types';

/**
 * Picks the next request's events: up to `size` events of one user, the user of the oldest event that may go, oldest
 * first, so that each request carries one user's token (anonymous events, with no `userId`, go together).
 * Events `busy` (in flight) are passed over, and so are those of users `held` back (waiting for a token); `held`
 * in the answer counts the latter, so batching can leave them out of "a full batch waits".
 *
 * @example
 * const { batch, held } = batchByUser(await outbox.read(), 20, (e) => inflight.has(e.id), tokens.held);
 */
export function batchByUser(
  events: WireEvent[],
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
    if (event.userId === user && batch.length < size) batch.push(event);
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
