import { useCallback, useSyncExternalStore } from 'react';
import type { LevelState, Waymark } from '../src/types';
import { readClient } from './readClient';
import { stableList } from './stableList';
import { useSubscribe } from './useSubscribe';

/**
 * Every level, in definition order, with its `achieved` and `total` counts; `[]` until `wm.ready` and for a client
 * without levels. The same array until something changes, like `useMilestones`.
 *
 * @example
 * import { useLevels } from 'waymark/react';
 *
 * function Levels({ wm }: { wm: Waymark }) {
 *   return (
 *     <ul>
 *       {useLevels(wm).map((level) => <li key={level.id}>{level.title}: {level.achieved} / {level.total}</li>)}
 *     </ul>
 *   );
 * }
 */
export const useLevels = (wm: Waymark): LevelState[] => {
  const client = readClient(wm, 'useLevels');
  const get = useCallback(() => stableList(client.levels()), [client]);
  return useSyncExternalStore(useSubscribe(client), get, get);
};
