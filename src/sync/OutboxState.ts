import type { createSegments } from './createSegments';
import type { SpillStore, SyncStorage, WireEvent } from './types';
import type { WaymarkError } from '../types';

/** What `createOutbox` is handed. */
export interface OutboxOptions {
  storage: SyncStorage;
  /** Where a page being unloaded writes; `storage` when absent. */
  spill?: SpillStore;
  key: string;
  maxQueue: number;
  report: (error: WaymarkError) => void;
  /** After each append: the outbox's size. */
  onWrite: (size: number) => void;
}

/**
 * What the parts of one outbox share (built by `createOutbox`): its options, the sending tab's queue, and the
 * shared inbox as this tab last read or wrote it.
 *
 * @example
 * outbox.stored_ = outbox.stored_.concat(taken);
 */
export interface OutboxState {
  options_: OutboxOptions;
  storage_: SyncStorage;
  /** The shared inbox's storage key. */
  key_: string;
  queue_: ReturnType<typeof createSegments>;
  /** The inbox as last read or written. */
  stored_: WireEvent[];
  /** The inbox writes in order, for a storage without an atomic `update`. */
  chain_: Promise<void>;
  /** Acknowledged since the last move into the queue. */
  acked_: Set<string>;
  /** The prefix of every spill key. */
  spillKey_: string;
  /** The storage was searched for spills since this tab started sending. */
  looked_: boolean;
}
