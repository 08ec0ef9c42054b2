import type { CompiledLevel } from './compileDefinitions';
import { isAchieved, levelComplete } from './lockedBy';
import type { LevelState } from '../types';
import type { UserDoc } from './userDoc';

/**
 * The public states of the levels for `doc`'s user: each counts the milestones the user sees; a sequential level is
 * locked until the one before it is complete.
 *
 * @example
 * toLevelStates(compiled.levels_, doc); // [{ id: 'basics', achieved: 1, total: 3, ratio: 0.33, … }]
 */
export function toLevelStates(levels: CompiledLevel[], doc: UserDoc): LevelState[] {
  return levels.map((l, i) => {
    const members = l.members_.filter((m) => !m.hidden_);
    const achieved = members.filter((m) => isAchieved(doc, m)).length;
    const total = members.length;
    const prev = levels[i - 1];
    const state: LevelState = {
      id: l.def_.id,
      title: l.def_.title,
      achieved,
      total,
      ratio: total ? achieved / total : 1,
      complete: levelComplete(doc, l),
      milestones: members.map((m) => m.def_.id),
      locked: !!(l.def_.sequential && prev && !levelComplete(doc, prev)),
    };
    if (l.def_.badge) state.badge = l.def_.badge;
    return state;
  });
}
