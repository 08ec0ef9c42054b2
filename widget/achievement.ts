import type { Badge, LevelState, MilestoneState } from 'waymark';

/** Something being celebrated: a milestone achieved or a level completed. */
export interface Achievement {
  /** What `claimCelebration` is asked for: the milestone's id, or `level:` and the level's id. */
  id: string;
  kind: 'milestone' | 'level';
  title: string;
  badge?: Badge;
  /** Whether it brings confetti: a milestone when it says `celebrate: 'confetti'`, a level always. */
  confetti: boolean;
}

/**
 * The celebration of an achieved milestone.
 *
 * @example
 * claim(ofMilestone(wm.milestone('ten-tasks')!));
 */
export const ofMilestone = (m: MilestoneState): Achievement => ({
  id: m.id,
  kind: 'milestone',
  title: m.title,
  badge: m.badge,
  confetti: m.celebrate === 'confetti',
});

/**
 * The celebration of a completed level. Its claim id starts with `level:`, which no milestone id can (ids are
 * `[a-z0-9_-]`), so a level and a milestone of the same name are celebrated apart.
 *
 * @example
 * ofLevel(wm.levels()[0]).id; // 'level:getting-started'
 */
export const ofLevel = (l: LevelState): Achievement => ({
  id: 'level:' + l.id,
  kind: 'level',
  title: l.title,
  badge: l.badge,
  confetti: true,
});
