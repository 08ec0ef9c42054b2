import type { LevelState, MilestoneState } from 'waymark';
import { nextUp } from './nextUp';
import type { State } from './state';

/**
 * Whether the open panel already shows what a celebration would suggest next: its Progress tab says "Up next" with
 * `next` (or, with nothing left, "All done!"). Then the toast leaves that out, and so does what the live region says.
 *
 * @example
 * shownByPanel(s, wm.milestones(), wm.levels(), nextUp(wm.milestones(), wm.levels(), items)); // true: the toast skips it
 */
export const shownByPanel = (
  s: State,
  milestones: MilestoneState[],
  levels: LevelState[],
  next: MilestoneState | undefined,
): boolean => s.open.value && s.view.value === 'progress' && next?.id === nextUp(milestones, levels)?.id;
