import type { OutboxState } from './OutboxState';
import { reportOverflow } from './reportOverflow';
import { spillKeys } from './spillKeys';
import type { WireEvent } from './types';
import { uniqueEvents } from './uniqueEvents';
import { updateInbox } from './updateInbox';
import { wireList as list } from './wireList';

/** Drops the oldest queued events past `maxQueue`, and says how many. */
const dropOverflow = async (outbox: OutboxState) => {
  const { queue_: queue } = outbox;
  const excess = queue.size() - outbox.options_.maxQueue;
  if (excess <= 0) return;
  const oldest = new Set<string>();
  for (const e of queue.each_()) if (oldest.add(e.id).size >= excess) break;
  await queue.remove(oldest);
  reportOverflow(outbox, excess);
};

/**
 * The sending tab's move: what the tabs appended to the shared inbox and what closed pages spilled joins its queue,
 * and the queue is bounded at `maxQueue`. One at a time: two moves at once would both queue the same inbox events.
 *
 * @example
 * moving = moving.catch(() => {}).then(() => moveToQueue(outbox));
 */
export async function moveToQueue(outbox: OutboxState): Promise<void> {
  const { storage_: storage, queue_: queue, acked_: acked, options_: options } = outbox;
  acked.clear();
  await queue.load();
  const found: string[] = [];
  const left: WireEvent[] = [];
  // Listing the storage's keys costs more as the queue's segments grow: the sending tab looks for spilled events
  // in the storage (only there where the spill store refused them) when it starts and whenever its queue is empty.
  for (const k of storage.keys && outbox.looked_ && queue.size() ? [] : await spillKeys(outbox)) {
    const spill = list(await storage.get(k));
    if (spill.length) {
      found.push(k);
      left.push(...spill);
    }
  }
  outbox.looked_ = true;
  const entries = options.spill?.entries(outbox.spillKey_) ?? [];
  for (const [, spill] of entries) left.push(...list(spill));
  const inbox = list(await storage.get(outbox.key_));
  const isNew = (e: WireEvent) => !queue.has(e.id) && !acked.has(e.id);
  // Only once in the queue do they leave the inbox and the spills: a crash in between repeats them (same ids)
  // rather than losing them. Not queued (another tab moved at the same moment): they stay for the next read.
  if (await queue.append(uniqueEvents(inbox, left).filter(isNew))) {
    if (inbox.length)
      await updateInbox(outbox, (old) => {
        outbox.stored_ = old.filter(isNew);
        return outbox.stored_;
      });
    for (const k of found) await storage.del(k);
    for (const [k] of entries) options.spill!.remove(k);
  }
  await dropOverflow(outbox);
}
