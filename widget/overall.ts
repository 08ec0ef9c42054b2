import type { MilestoneState } from '../src/types';

/**
 * Share of the visible milestones achieved: what the launcher's ring and the panel's summary show.
 *
 * @example
 * const { achieved, total, ratio } = overall(wm.milestones()); // { achieved: 3, total: 6, ratio: 0.5 }
 */
export const overall = (ms: MilestoneState[]) => {
  const achieved = ms.filter((m) => m.status === 'achieved').length;
  return { achieved, total: ms.length, ratio: ms.length ? achieved / ms.length : 0 };
};
