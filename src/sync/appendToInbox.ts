import type { OutboxState } from './OutboxState';
import { reportOverflow } from './reportOverflow';
import type { WireEvent } from './types';
import { updateInbox } from './updateInbox';

/**
 * Appends `taken` to the shared inbox in one atomic read-modify-write, bounded at `maxQueue` (the oldest go), then
 * tells `settled` whether it landed, before reporting an overflow or a failure.
 *
 * @example
 * saving = appendToInbox(outbox, taken, (ok) => { if (!ok) pending = taken.concat(pending); });
 */
export function appendToInbox(outbox: OutboxState, taken: WireEvent[], settled: (ok: boolean) => void): Promise<void> {
  const { options_: options } = outbox;
  let dropped = 0;
  // Appended, not checked for repeats: the sending tab's move and the backend's ids make them harmless, and the
  // write costs what it appends (and the clone the storage makes).
  return updateInbox(outbox, (old) => {
    const all = old.concat(taken);
    dropped = all.length - options.maxQueue;
    outbox.stored_ = dropped > 0 ? all.slice(dropped) : all;
    return outbox.stored_;
  }).then(
    () => {
      settled(true);
      if (dropped > 0) reportOverflow(outbox, dropped);
      options.onWrite(outbox.stored_.length + outbox.queue_.size());
    },
    (error) => {
      settled(false);
      options.report({ code: 'storage_error', message: `could not write the outbox: ${String(error)}` });
    },
  );
}
