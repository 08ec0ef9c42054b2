import { appendToInbox } from './appendToInbox';
import type { OutboxState } from './OutboxState';
import type { WireEvent } from './types';

/**
 * This tab's writes into the shared inbox: `add_` holds an event in memory, and what was added is appended within
 * 100 ms or on `persist_()`; `persist_(true)` (the page is being unloaded) spills it in one plain write instead.
 *
 * @example
 * const writer = createInboxWriter(outbox);
 * writer.add_(event);
 * await writer.persist_();
 */
export function createInboxWriter(outbox: OutboxState) {
  const { options_: options, storage_: storage, spillKey_: spillKey } = outbox;
  // Each tab spills under its own key, so tabs closed together (a window with several) never overwrite each other.
  const ownSpill = storage.keys ? `${spillKey}:${Math.random().toString(36).slice(2)}` : spillKey;
  let pending: WireEvent[] = []; // added, not yet written
  let spilled: WireEvent[] = [];
  // Taken by an inbox write that has not committed yet, one list per write.
  let writing: WireEvent[][] = [];
  let saving = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const persist = (leaving?: boolean): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (leaving) {
      // A page being unloaded gets no further turn: a read-modify-write would never reach its write, and one under
      // way may be dropped. One plain write of what only this tab holds, the uncommitted included, merged into
      // the outbox by the next read (here or in another tab).
      spilled = spilled.concat(
        writing.flat().filter((e) => !spilled.includes(e)),
        pending,
      );
      outbox.stored_ = outbox.stored_.concat(pending);
      pending = [];
      if (!spilled.length) return saving;
      return options.spill?.put(ownSpill, spilled) ? Promise.resolve() : storage.set(ownSpill, spilled).catch(() => {});
    }
    if (!pending.length && !spilled.length) return saving;
    // The page lived on after all: what it spilled joins the outbox the normal way too (ids make repeats harmless).
    const taken = spilled.concat(pending);
    pending = [];
    spilled = [];
    // Counted as stored at once (a page hide may send it before the write lands); the write replaces it.
    outbox.stored_ = outbox.stored_.concat(taken);
    writing.push(taken);
    saving = appendToInbox(outbox, taken, (ok) => {
      writing = writing.filter((w) => w !== taken);
      if (!ok) pending = taken.concat(pending);
    });
    return saving;
  };
  return {
    /** Memory only; returns the outbox size as known here. */
    add_(event: WireEvent): number {
      if (!timer) timer = setTimeout(persist, 100);
      return pending.push(event) + outbox.stored_.length + outbox.queue_.size();
    },
    persist_: persist,
    /** Added and not written yet. */
    pending_: (): WireEvent[] => pending,
    /** Forgets what this tab holds in memory (consent withdrawn). */
    forget_(): void {
      clearTimeout(timer);
      timer = undefined;
      pending = [];
      spilled = [];
      writing = [];
    },
  };
}
