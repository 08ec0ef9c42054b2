import { type Bounds, segmentBounds } from './segmentBounds';
import type { SegmentsState } from './SegmentsState';
import type { WireEvent } from './types';
import { change } from './wireList';

/** Events per segment: acknowledging a batch rewrites one or two segments of at most this many, whatever the backlog. */
const SEGMENT = 100;

/**
 * Queues `events` after the others, in new segments. False when another tab counted past the numbers it took
 * meanwhile (so a tab may have passed over them): they are taken back, and stay where they came from.
 *
 * @example
 * if (await appendSegments(queue, fromInbox)) await removeFromInbox(fromInbox);
 */
export async function appendSegments(queue: SegmentsState, events: WireEvent[]): Promise<boolean> {
  const { storage_: storage, boundsKey_: boundsKey, known_: known } = queue;
  if (!events.length) return true;
  // From the numbers known here (the caller loaded the record just before): a number taken since is passed
  // over below, and a count moved past it is caught when the record is written.
  let n = known.tail;
  const written: number[] = [];
  for (let i = 0; i < events.length; i += SEGMENT) {
    const part = events.slice(i, i + SEGMENT);
    // A number already taken: a tab that crashed before counting it, or another one moving at the same time.
    while (!(await storage.setIfAbsent(`${boundsKey}:${n}`, part))) n++;
    written.push(n++);
  }
  let before: Bounds = { head: 0, tail: 0 };
  await change(storage, boundsKey, (old) => {
    before = segmentBounds(old);
    return { head: before.head, tail: Math.max(before.tail, n) };
  });
  if (before.tail > written[0]) {
    await Promise.all(written.map((w) => storage.del(`${boundsKey}:${w}`)));
    return false;
  }
  for (let i = 0; i < written.length; i++) queue.hold_(written[i], events.slice(i * SEGMENT, (i + 1) * SEGMENT));
  // Numbers skipped over (segments of a tab that crashed before counting them) are read by the next load.
  if (written[0] === known.tail && n === known.tail + written.length) queue.known_ = { head: known.head, tail: n };
  return true;
}
