import type { OutboxState } from './OutboxState';
import { spillKeys } from './spillKeys';
import { updateInbox } from './updateInbox';

/**
 * Forgets every event the outbox stored: the inbox (and this tab's view of it), the queue and the spills (consent
 * withdrawn). What this tab holds in memory is the inbox writer's to forget.
 *
 * @example
 * writer.forget_();
 * await clearOutbox(outbox);
 */
export async function clearOutbox(outbox: OutboxState): Promise<void> {
  const { options_: options, storage_: storage } = outbox;
  outbox.stored_ = [];
  for (const [k] of options.spill?.entries(outbox.spillKey_) ?? []) options.spill!.remove(k);
  await Promise.all([
    updateInbox(outbox, () => []),
    outbox.queue_.clear(),
    ...(await spillKeys(outbox)).map((k) => storage.del(k)),
  ]);
}
