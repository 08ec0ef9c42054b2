import { useMemo, useSyncExternalStore } from 'react';
import type { LevelState, MilestoneState, Waymark } from '../src/types';
import { readClient } from './readClient';
import { stableList } from './stableList';
import { useSubscribe } from './useSubscribe';

/** What `useWaymark` returns: the client's milestones and levels, read together. */
export interface WaymarkSnapshot {
  /** Every visible milestone, in definition order (`wm.milestones()`); `[]` until `wm.ready`. */
  milestones: MilestoneState[];
  /** Every level, in definition order (`wm.levels()`); `[]` until `wm.ready`. */
  levels: LevelState[];
}

/**
 * The client's whole state for a custom progress view: its milestones and its levels, from one subscription.
 * Re-renders when anything changes; the object is the same until then (safe as an effect or memo dependency).
 *
 * @example
 * import { useWaymark } from 'waymark/react';
 *
 * function Progress({ wm }: { wm: Waymark }) {
 *   const { milestones, levels } = useWaymark(wm);
 *   const done = milestones.filter((m) => m.status === 'achieved').length;
 *   return <p>{done} of {milestones.length} milestones, {levels.filter((l) => l.complete).length} levels complete</p>;
 * }
 */
export const useWaymark = (wm: Waymark): WaymarkSnapshot => {
  const client = readClient(wm, 'useWaymark');
  const get = useMemo(() => {
    let last: WaymarkSnapshot | undefined;
    return () => {
      const milestones = stableList(client.milestones());
      const levels = stableList(client.levels());
      if (last === undefined || last.milestones !== milestones || last.levels !== levels) last = { milestones, levels };
      return last;
    };
  }, [client]);
  return useSyncExternalStore(useSubscribe(client), get, get);
};
