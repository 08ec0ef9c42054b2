import type { Bounds } from './segmentBounds';
import type { SyncStorage, WireEvent } from './types';

/**
 * What the parts of the sending tab's queue share (built by `createSegments`): where the segments are stored, what
 * this tab holds of them in memory, and how it holds and forgets a segment.
 *
 * @example
 * queue.hold_(n, events);
 */
export interface SegmentsState {
  storage_: SyncStorage;
  /** The key of the record of which numbers are in use; segment `n` is under `{boundsKey_}:{n}`. */
  boundsKey_: string;
  /** The segments held in memory that still hold events, by number, in order. */
  held_: Map<number, WireEvent[]>;
  /** Event id to the number of the segment that holds it. */
  where_: Map<string, number>;
  /** The numbers this tab has looked at (loaded, or written itself): no read needed for them. */
  known_: Bounds;
  hold_: (n: number, events: WireEvent[]) => void;
  /** Forgets the events of segment `n` (the segment itself keeps its place in the order until deleted). */
  unhold_: (n: number) => void;
  /** Holds nothing, and knows of no number from `tail` on. */
  forget_: (tail: number) => void;
}
