import { segmentBounds } from './segmentBounds';
import type { SegmentsState } from './SegmentsState';
import { change } from './wireList';

/** Moves the stored head past the segments at the front that hold nothing any more. */
const advance = async (queue: SegmentsState) => {
  const { known_: known } = queue;
  let head = known.tail;
  // Held in order: the first is the oldest.
  for (const n of queue.held_.keys()) {
    head = Math.min(head, n);
    break;
  }
  if (head <= known.head) return;
  queue.known_ = { head, tail: known.tail };
  await change(queue.storage_, queue.boundsKey_, (old) => {
    const stored = segmentBounds(old);
    return { head: Math.max(stored.head, head), tail: Math.max(stored.tail, head) };
  });
};

/**
 * Removes the events with these ids from the queue (acknowledged, or dropped past the bound): rewrites the
 * segments they were in, or deletes those left empty.
 *
 * @example
 * await removeFromSegments(queue, new Set(acknowledgedIds));
 */
export async function removeFromSegments(queue: SegmentsState, ids: Set<string>): Promise<void> {
  const { storage_: storage, held_: held, where_: where } = queue;
  const touched = new Set<number>();
  for (const id of ids) if (where.has(id)) touched.add(where.get(id)!);
  let emptied = false;
  for (const n of touched) {
    const key = `${queue.boundsKey_}:${n}`;
    // Written without a read: a segment only shrinks after its one write, and this tab holds all it stores,
    // so this loses nothing (at worst it brings back what a second sender removed: a repeat, not a loss).
    const left = (held.get(n) ?? []).filter((event) => !ids.has(event.id));
    // Memory first, in one turn: a move asking what is queued meanwhile never sees kept events missing.
    queue.unhold_(n);
    if (left.length) {
      queue.hold_(n, left);
      await storage.set(key, left);
      continue;
    }
    held.delete(n);
    await storage.del(key);
    emptied = true;
  }
  if (emptied) await advance(queue);
}
