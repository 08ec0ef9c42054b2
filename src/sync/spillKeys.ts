import type { OutboxState } from './OutboxState';

/**
 * The storage keys the outbox's spills may be under: each tab's where the storage lists its keys, else the one.
 *
 * @example
 * for (const key of await spillKeys(outbox)) await storage.del(key);
 */
export const spillKeys = async (outbox: OutboxState): Promise<string[]> => {
  const { storage_: storage, spillKey_: spillKey } = outbox;
  return storage.keys ? (await storage.keys()).filter((k) => k.startsWith(spillKey)) : [spillKey];
};
