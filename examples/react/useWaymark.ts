// React hooks over a waymark client, built on useSyncExternalStore. Copy this file into your app
// and import the types from 'waymark' instead of the repository's source.
import { useCallback, useSyncExternalStore } from 'react';
import type { LevelState, MilestoneState, Waymark } from '../../src/index';

// Before `ready` the client answers `[]`, a new array on every call. React compares snapshots with
// Object.is, so a fresh empty array each time would re-render forever ("The result of getSnapshot
// should be cached"): every empty answer becomes this one array.
const NONE: never[] = [];
const stable = <T>(list: T[]): T[] => (list.length ? list : NONE);

/**
 * The client's `subscribe`, stable per client. It also calls back once `ready` resolves: the client
 * notifies its changes while the saved state loads, when `milestones()` still answers `[]`, and not
 * when that state becomes readable. React re-renders only if the snapshot really changed.
 */
const useSubscribe = (wm: Waymark) =>
  useCallback(
    (onChange: () => void) => {
      let live = true;
      wm.ready.then(() => live && onChange(), () => {});
      const off = wm.subscribe(onChange);
      return () => {
        live = false;
        off();
      };
    },
    [wm],
  );

/**
 * Every visible milestone, in definition order; re-renders when anything changes. The array is
 * the client's own snapshot, the same object until the next change (so it is safe as an effect
 * or memo dependency), and `[]` until `wm.ready`.
 *
 * @example
 * function Progress({ wm }: { wm: Waymark }) {
 *   const milestones = useMilestones(wm);
 *   const done = milestones.filter((m) => m.status === 'achieved').length;
 *   return <p>{done} of {milestones.length} milestones</p>;
 * }
 */
export const useMilestones = (wm: Waymark): MilestoneState[] => {
  const get = useCallback(() => stable(wm.milestones()), [wm]);
  return useSyncExternalStore(useSubscribe(wm), get, get);
};

/**
 * One milestone's state, or `undefined` before `wm.ready`, for an unknown id, or when a
 * `segment` hides it. The object comes from the client's snapshot, so it changes identity only
 * when the state changed.
 *
 * @example
 * function TenTasks({ wm }: { wm: Waymark }) {
 *   const m = useMilestone(wm, 'ten-tasks');
 *   if (!m) return null;
 *   return <meter min={0} max={m.target} value={m.current} aria-label={m.title} />;
 * }
 */
export const useMilestone = (wm: Waymark, id: string): MilestoneState | undefined => {
  const get = useCallback(() => wm.milestone(id), [wm, id]);
  return useSyncExternalStore(useSubscribe(wm), get, get);
};

/**
 * Every level, in definition order, with its `achieved`/`total` counts; `[]` until `wm.ready`
 * and for a client without levels. A stable snapshot between changes, like `useMilestones`.
 *
 * @example
 * function Levels({ wm }: { wm: Waymark }) {
 *   return (
 *     <ul>
 *       {useLevels(wm).map((l) => <li key={l.id}>{l.title}: {l.achieved} / {l.total}</li>)}
 *     </ul>
 *   );
 * }
 */
export const useLevels = (wm: Waymark): LevelState[] => {
  const get = useCallback(() => stable(wm.levels()), [wm]);
  return useSyncExternalStore(useSubscribe(wm), get, get);
};
