import { groupByUser } from './batchByUser';
import { chunkEvents } from './chunkEvents';
import { deliverBatch } from './deliverBatch';
import type { SyncContext } from './SyncContext';
import type { WireEvent } from './types';

// Browsers refuse keepalive requests once 64 KiB of them are in flight; leave room for the envelope.
const MAX_BYTES = 60_000;

/**
 * The sending tab's loop: while it may send, it writes what this tab queued, reads the next batch (of one user at a
 * time, without the users waiting for a token) and sends it in requests of at most 60 KB. A trigger while a run
 * is under way runs the loop once more after it (it may have read the outbox too early).
 *
 * @example
 * Object.assign(sync, createSendLoop(sync));
 * await sync.drain_();
 */
export function createSendLoop(sync: SyncContext) {
  const { outbox_: outbox, tokens_: tokens, inflight_: inflight } = sync;
  let again = false;

  const sendAll = async (events: WireEvent[], keepalive?: boolean): Promise<boolean> => {
    for (const e of events) inflight.add(e.id);
    try {
      for (const group of groupByUser(events))
        for (const chunk of chunkEvents(group, MAX_BYTES)) {
          if (tokens.held(chunk[0].userId)) break;
          if (!(await deliverBatch(sync, chunk, keepalive))) return false;
        }
      return true;
    } finally {
      for (const e of events) inflight.delete(e.id);
      if (sync.destroyed_ && !inflight.size) sync.release_();
    }
  };
  const loop = async () => {
    // Another tab sends: this one only writes what it queued, and tells that tab (onWrite).
    if (!(await sync.lead_())) return outbox.persist();
    while (sync.canSend_() && (await sync.lead_())) {
      await outbox.persist();
      const next = await outbox.next_(sync.batchSize_, (e) => inflight.has(e.id), tokens.held);
      sync.heldBack_ = next.held;
      const batch = next.batch;
      // Checked again: leadership, consent or the network may have gone while the outbox was read.
      if (!batch.length || !sync.canSend_() || !(await sendAll(batch))) break;
    }
  };
  const drain = (): Promise<void> => {
    if (sync.running_) {
      again = true;
      return sync.running_;
    }
    sync.running_ = loop()
      .catch((error) => sync.options_.report({ code: 'storage_error', message: `outbox: ${String(error)}` }))
      .finally(() => {
        sync.running_ = undefined;
        const rerun = again && !sync.attempt_;
        again = false;
        if (rerun) void drain();
      });
    return sync.running_;
  };
  return { sendAll_: sendAll, drain_: drain };
}
