import { type Bounds, segmentBounds } from './segmentBounds';
import type { SegmentsState } from './SegmentsState';
import { change } from './wireList';

/**
 * Removes every segment of the queue, stored or held (consent withdrawn); the record keeps counting from where it was.
 *
 * @example
 * await clearSegments(queue);
 */
export async function clearSegments(queue: SegmentsState): Promise<void> {
  const { storage_: storage, boundsKey_: boundsKey } = queue;
  let before: Bounds = { head: 0, tail: 0 };
  await change(storage, boundsKey, (old) => {
    before = segmentBounds(old);
    return { head: before.tail, tail: before.tail };
  });
  const numbers = new Set(queue.held_.keys());
  for (let n = before.head; n < before.tail; n++) numbers.add(n);
  queue.forget_(before.tail);
  await Promise.all([...numbers].map((n) => storage.del(`${boundsKey}:${n}`)));
}
