import { claimKey } from './claimKey';
import { deleteClaims } from './deleteClaims';
import type { WaymarkStorage } from '../types';

/**
 * Anonymous celebration claims become the identified user's: each of `ids` celebrated under the document `from` is
 * claimed under `to` (at `now()`), and both claims of each leave `from`.
 *
 * @example
 * await carryClaims(storage, ['first-project', 'level:getting-started'], anonymousKey, userKey, Date.now);
 */
export const carryClaims = (storage: WaymarkStorage, ids: string[], from: string, to: string, now: () => number) =>
  Promise.all(
    ids.map(async (id) => {
      if ((await storage.get(claimKey(from, id))) !== undefined) await storage.setIfAbsent(claimKey(to, id), now());
      await Promise.all(deleteClaims(storage, from, id));
    }),
  );
