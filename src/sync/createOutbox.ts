import { batchByUser } from './batchByUser';
import { ackEvents } from './ackEvents';
import { clearOutbox } from './clearOutbox';
import { createInboxWriter } from './createInboxWriter';
import { createSegments } from './createSegments';
import { moveToQueue } from './moveToQueue';
import type { OutboxOptions, OutboxState } from './OutboxState';
import type { WireEvent } from './types';
import { uniqueEvents } from './uniqueEvents';

/**
 * The durable outbox. Every tab appends to one shared inbox (storage key `key`): `add` is memory only, and the
 * events are appended within 100 ms (or on `persist()`) by an atomic read-modify-write, so tabs never lose each
 * other's writes. The sending tab's `next_()` (and `read()`) moves what the inbox and the spills of closed pages hold into its queue
 * of numbered segments (`createSegments`), and `ack()` removes from there: a batch costs the same storage and CPU
 * work with 10 or 10,000 events waiting (it is picked from the queue held in memory without a walk over the backlog,
 * and acknowledged by writing or deleting one segment), where reading and rewriting one list of them all cost more with every
 * event.
 * An event leaves the inbox only once it is in the queue, and the queue only once acknowledged: durable until then.
 * Past `maxQueue` the oldest go (the inbox is bounded as it is written, the whole outbox as the sending tab reads).
 *
 * @example
 * const outbox = createOutbox({ storage, key: 'wm:pk:outbox', maxQueue: 10_000, report, onWrite: (size) => {} });
 * outbox.add(event);
 * const { batch } = await outbox.next_(20, (e) => inflight.has(e.id), tokens.held);
 * await outbox.ack(batch);
 */
/* @__NO_SIDE_EFFECTS__ */
export function createOutbox(o: OutboxOptions) {
  const { storage, key } = o;
  const queue = createSegments(storage, key);
  const acked = new Set<string>();
  const outbox: OutboxState = {
    options_: o,
    storage_: storage,
    key_: key,
    queue_: queue,
    stored_: [],
    chain_: Promise.resolve(),
    acked_: acked,
    spillKey_: key + ':spill',
    looked_: false,
  };
  const writer = createInboxWriter(outbox);
  let moving = Promise.resolve();
  const moveOnce = (): Promise<void> => {
    moving = moving.catch(() => {}).then(() => moveToQueue(outbox));
    return moving;
  };

  return {
    add: writer.add_,
    persist: writer.persist_,
    /**
     * The sending tab's view: what the tabs appended (the inbox) and what closed pages left (spills) joins the
     * queue, and the queued events come back, oldest first, less any acknowledged while the read was under way.
     */
    async read(): Promise<WireEvent[]> {
      await moveOnce();
      return queue.events().filter((e) => !acked.has(e.id));
    },
    /**
     * The next request's events, by `batchByUser` over the queue, oldest first, once the inbox and the spills moved
     * in: the pick walks the queue held in memory and stops once the batch is full, so it costs the batch, not the
     * backlog. Moving every batch keeps the inbox (rewritten whole by every append) about one batch long, and its
     * segments small enough that acknowledging mostly deletes one whole.
     */
    async next_(size: number, busy: (event: WireEvent) => boolean, isHeld: (userId: string | undefined) => boolean) {
      await moveOnce();
      return batchByUser(queue.each_(), size, (e) => busy(e) || acked.has(e.id), isHeld);
    },
    ack: (events: WireEvent[]): Promise<void> => ackEvents(outbox, events),
    /** Everything known here, written or not: what a page hide sends from memory. */
    all: (): WireEvent[] => uniqueEvents(queue.events(), outbox.stored_, writer.pending_()),
    /** This tab starts sending: what it held of the queue may have changed under another sender. */
    forget(): void {
      outbox.looked_ = false;
      void queue.forget();
    },
    /** Forgets every event, spilled ones included (consent withdrawn). */
    clear(): Promise<void> {
      writer.forget_();
      return clearOutbox(outbox);
    },
  };
}
