import { useCallback, useSyncExternalStore } from 'react';
import type { MilestoneState, Waymark } from '../src/types';
import { readClient } from './readClient';
import { stableList } from './stableList';
import { useSubscribe } from './useSubscribe';

/**
 * Every visible milestone, in definition order; re-renders when anything changes. The array is the client's own
 * snapshot, the same object until the next change (so it is safe as an effect or memo dependency), and `[]` until
 * `wm.ready`.
 *
 * @example
 * import { useMilestones } from 'waymark/react';
 *
 * function Progress({ wm }: { wm: Waymark }) {
 *   const milestones = useMilestones(wm);
 *   const done = milestones.filter((m) => m.status === 'achieved').length;
 *   return <p>{done} of {milestones.length} milestones</p>;
 * }
 */
export const useMilestones = (wm: Waymark): MilestoneState[] => {
  const client = readClient(wm, 'useMilestones');
  const get = useCallback(() => stableList(client.milestones()), [client]);
  return useSyncExternalStore(useSubscribe(client), get, get);
};
