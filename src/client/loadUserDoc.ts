import { readUserDoc, type UserDoc } from '../engine/userDoc';
import type { WaymarkError, WaymarkStorage } from '../types';

/**
 * The user document stored under `key`; undefined when there is none, or when it is unreadable (reported as
 * `storage_corrupt`, and left for the next save to replace).
 *
 * @example
 * engine.load((await loadUserDoc(storage, docKey, report)) || createUserDoc(Date.now()));
 */
export async function loadUserDoc(
  storage: WaymarkStorage,
  key: string,
  report: (error: WaymarkError) => void,
): Promise<UserDoc | undefined> {
  const doc = readUserDoc(await storage.get(key));
  if (doc instanceof Error) report({ code: 'storage_corrupt', message: `discarded stored state: ${doc.message}` });
  else return doc;
}
