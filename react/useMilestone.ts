import { useCallback, useSyncExternalStore } from 'react';
import type { MilestoneState, Waymark } from '../src/types';
import { readClient } from './readClient';
import { useSubscribe } from './useSubscribe';

/**
 * One milestone's state; `undefined` before `wm.ready`, for an unknown id, or when a `segment` hides it. The object
 * comes from the client's snapshot, so it changes identity only when that milestone's state changed.
 *
 * @example
 * import { useMilestone } from 'waymark/react';
 *
 * function TenTasks({ wm }: { wm: Waymark }) {
 *   const m = useMilestone(wm, 'ten-tasks');
 *   if (!m) return null;
 *   return <progress max={m.target} value={Math.min(m.current, m.target)} aria-label={m.title} />;
 * }
 */
export const useMilestone = (wm: Waymark, id: string): MilestoneState | undefined => {
  const client = readClient(wm, 'useMilestone');
  const get = useCallback(() => client.milestone(id), [client, id]);
  return useSyncExternalStore(useSubscribe(client), get, get);
};
