import { segmentBounds } from './segmentBounds';
import type { SegmentsState } from './SegmentsState';
import { wireList as list } from './wireList';

/**
 * Catches the queue held in memory up with the stored record: loads the segments this tab has not seen, and
 * forgets those no longer in use.
 *
 * @example
 * await loadSegments(queue);
 */
export async function loadSegments(queue: SegmentsState): Promise<void> {
  const { storage_: storage, where_: where, known_: known } = queue;
  const stored = segmentBounds(await storage.get(queue.boundsKey_));
  for (const n of [...queue.held_.keys()])
    if (n < stored.head || n >= stored.tail) {
      queue.unhold_(n);
      queue.held_.delete(n);
    }
  let added = false;
  for (let n = stored.head; n < stored.tail; n++)
    if (!queue.held_.has(n) && (n < known.head || n >= known.tail)) {
      const key = `${queue.boundsKey_}:${n}`;
      const events = list(await storage.get(key));
      // An event in two segments (a move repeated after a crash): the later copy goes, so one ack removes it.
      const fresh = events.filter((event) => !where.has(event.id));
      if (fresh.length < events.length) await (fresh.length ? storage.set(key, fresh) : storage.del(key));
      if (fresh.length) {
        queue.hold_(n, fresh);
        added = true;
      }
    }
  if (added) queue.held_ = new Map([...queue.held_].sort((a, b) => a[0] - b[0]));
  queue.known_ = stored;
}
