import type { OutboxState } from './OutboxState';
import type { WireEvent } from './types';
import { wireList as list } from './wireList';

/**
 * Rewrites the shared inbox from what it holds now: atomically where the storage has `update`.
 *
 * @example
 * await updateInbox(outbox, (old) => old.concat(taken));
 */
export function updateInbox(outbox: OutboxState, fn: (old: WireEvent[]) => WireEvent[]): Promise<void> {
  const { storage_: storage, key_: key } = outbox;
  if (storage.update) return storage.update(key, (old) => fn(list(old)));
  // Without an atomic update, at least this client's writes never interleave.
  outbox.chain_ = outbox.chain_.catch(() => {}).then(async () => storage.set(key, fn(list(await storage.get(key)))));
  return outbox.chain_;
}
