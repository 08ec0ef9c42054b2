import { appendSegments } from './appendSegments';
import { clearSegments } from './clearSegments';
import { loadSegments } from './loadSegments';
import { removeFromSegments } from './removeFromSegments';
import type { SegmentsState } from './SegmentsState';
import type { SyncStorage, WireEvent } from './types';

/**
 * The sending tab's queue: the events it took from the shared inbox, oldest first, in numbered segments of at most
 * 100 events (`{key}:queue:{n}`), and one small record of which numbers are in use (`{key}:queue`). The sending tab
 * keeps what it loaded in memory, so a batch costs a read of that record and an atomic rewrite of the segment its
 * events came from, however many events wait. A segment is written once, under a number no other segment has, and
 * afterwards only shrinks; an emptied one is deleted. Every change is an atomic update or a write-if-absent, so
 * even two tabs that both believe they send (a lease taken over from a tab that froze) can repeat an event, never
 * lose one.
 *
 * @example
 * const queue = createSegments(storage, 'wm:pk_demo:outbox');
 * await queue.load();
 * if (await queue.append(fromInbox)) await removeFromInbox(fromInbox);
 * await queue.remove(new Set(acknowledgedIds));
 */
/* @__NO_SIDE_EFFECTS__ */
export function createSegments(storage: SyncStorage, key: string) {
  const held = new Map<number, WireEvent[]>();
  const where = new Map<string, number>();
  const queue: SegmentsState = {
    storage_: storage,
    boundsKey_: key + ':queue',
    held_: held,
    where_: where,
    known_: { head: 0, tail: 0 },
    hold_(n, events) {
      queue.held_.set(n, events);
      for (const event of events) where.set(event.id, n);
    },
    unhold_(n) {
      for (const event of queue.held_.get(n) ?? []) if (where.get(event.id) === n) where.delete(event.id);
    },
    forget_(tail) {
      queue.held_.clear();
      where.clear();
      queue.known_ = { head: tail, tail };
    },
  };
  let chain: Promise<unknown> = Promise.resolve();
  /** One change at a time: each works from what the one before left in memory. */
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = chain.catch(() => {}).then(job);
    chain = next;
    return next;
  };
  /** The queued events, oldest first, read as they are walked: a caller that stops early pays for what it read. */
  function* each(): Generator<WireEvent> {
    for (const events of queue.held_.values()) yield* events;
  }

  return {
    /** Catches up with the stored record: loads segments this tab has not seen, forgets those no longer in use. */
    load: (): Promise<void> => serial(() => loadSegments(queue)),
    /** Every queued event, oldest first. */
    events: (): WireEvent[] => [...each()],
    each_: each,
    has: (id: string): boolean => where.has(id),
    size: (): number => where.size,
    /** Queues `events` after the others, in new segments; false when they were taken back (`appendSegments`). */
    append: (events: WireEvent[]): Promise<boolean> => serial(() => appendSegments(queue, events)),
    /** Removes the events with these ids (acknowledged, or dropped past the bound). */
    remove: (ids: Set<string>): Promise<void> => serial(() => removeFromSegments(queue, ids)),
    /** Forgets what this tab held in memory: another tab may have sent and changed the segments meanwhile. */
    forget: (): Promise<void> => serial(async () => queue.forget_(0)),
    /** Removes every segment (consent withdrawn). */
    clear: (): Promise<void> => serial(() => clearSegments(queue)),
  };
}
