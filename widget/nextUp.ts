import type { LevelState, MilestoneState } from 'waymark';
import type { Achievement } from './achievement';

/**
 * The milestones in the order a user meets them: each level's, in level order, then those in no level, in
 * definition order.
 *
 * @example
 * inLevelOrder(wm.milestones(), wm.levels()).map((m) => m.id);
 */
export const inLevelOrder = (milestones: MilestoneState[], levels: LevelState[]): MilestoneState[] => {
  const byId = new Map(milestones.map((m) => [m.id, m]));
  const ordered = new Set<MilestoneState>();
  for (const level of levels) {
    for (const id of level.milestones) {
      const m = byId.get(id);
      if (m) ordered.add(m);
    }
  }
  for (const m of milestones) ordered.add(m);
  return [...ordered];
};

/**
 * What to suggest next: the first unfinished milestone the user can work on now (active or overdue), in level order,
 * then definition order. Never one of `celebrated` (what is being celebrated). Undefined when there is none.
 *
 * @example
 * nextUp(wm.milestones(), wm.levels(), [ofMilestone(firstProject)])?.next; // { label: 'Invite a teammate', href: '/team' }
 */
export const nextUp = (
  milestones: MilestoneState[],
  levels: LevelState[],
  celebrated: Achievement[] = [],
): MilestoneState | undefined =>
  inLevelOrder(milestones, levels).find(
    // A level's celebration has the id `level:…`, which no milestone's id can be: comparing ids is enough.
    (m) => (m.status === 'active' || m.status === 'overdue') && !celebrated.some((a) => a.id === m.id),
  );
