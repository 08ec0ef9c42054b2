import type { LevelState, MilestoneState } from 'waymark';

/**
 * The levels that `m`'s achievement completed (complete, and listing it).
 *
 * @example
 * completedBy(wm.levels(), milestone).map((l) => l.title); // ['Getting started']
 */
export const completedBy = (levels: LevelState[], m: MilestoneState): LevelState[] =>
  levels.filter((l) => l.complete && l.milestones.includes(m.id));
