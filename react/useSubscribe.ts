import { useCallback } from 'react';
import type { Waymark } from '../src/types';

/**
 * The client's `subscribe` for `useSyncExternalStore`, stable per client. It also calls back once `ready` resolves:
 * the client notifies its changes while the saved state loads, when `milestones()` still answers `[]`, and not when
 * that state becomes readable. React re-renders only if the snapshot really changed.
 *
 * @example
 * const subscribe = useSubscribe(wm);
 * useSyncExternalStore(subscribe, () => wm.milestones());
 */
export const useSubscribe = (wm: Waymark) =>
  useCallback(
    (onChange: () => void) => {
      let live = true;
      Promise.resolve(wm.ready).then(
        () => {
          if (live) onChange();
        },
        () => {},
      );
      const off = wm.subscribe(onChange);
      return () => {
        live = false;
        off();
      };
    },
    [wm],
  );
