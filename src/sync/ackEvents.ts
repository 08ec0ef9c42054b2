import type { OutboxState } from './OutboxState';
import type { WireEvent } from './types';
import { updateInbox } from './updateInbox';

/**
 * Removes acknowledged events from the outbox: from the queue, and from the inbox those a page hide sent from
 * memory before they reached the queue.
 *
 * @example
 * await ackEvents(outbox, batch);
 */
export async function ackEvents(outbox: OutboxState, events: WireEvent[]): Promise<void> {
  const { queue_: queue } = outbox;
  const ids = new Set(events.map((e) => e.id));
  for (const id of ids) outbox.acked_.add(id);
  const outside = events.some((e) => !queue.has(e.id));
  const kept = (e: WireEvent) => !ids.has(e.id);
  outbox.stored_ = outbox.stored_.filter(kept);
  await queue.remove(ids);
  if (outside)
    await updateInbox(outbox, (old) => {
      outbox.stored_ = old.filter(kept);
      return outbox.stored_;
    });
}
