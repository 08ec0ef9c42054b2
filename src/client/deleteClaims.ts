import { claimKey } from './claimKey';
import type { WaymarkStorage } from '../types';

/**
 * Deletes both claims of one id beside the document `key`: the celebration's and the sending's.
 *
 * @example
 * await Promise.all(deleteClaims(storage, docKey, 'first-project'));
 */
export const deleteClaims = (storage: WaymarkStorage, key: string, id: string): Promise<void>[] => [
  storage.del(claimKey(key, id)),
  storage.del(claimKey(key, id, 'sent')),
];
