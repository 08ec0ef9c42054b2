import type { MilestoneState } from 'waymark';

/**
 * Share of the visible milestones achieved: what the launcher's ring and the panel's summary show. `done` when there
 * are milestones and every one is achieved.
 *
 * @example
 * const { achieved, total, ratio, done } = overall(wm.milestones()); // { achieved: 3, total: 6, ratio: 0.5, done: false }
 */
export const overall = (ms: MilestoneState[]) => {
  const achieved = ms.filter((m) => m.status === 'achieved').length;
  return {
    achieved,
    total: ms.length,
    ratio: ms.length ? achieved / ms.length : 0,
    done: ms.length > 0 && achieved === ms.length,
  };
};
