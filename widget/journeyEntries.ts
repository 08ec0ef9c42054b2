import type { Badge, LevelState, MilestoneState } from 'waymark';

/** One step of the user's journey: a milestone achieved or a level completed, and when. */
export interface JourneyEntry {
  key: string;
  kind: 'milestone' | 'level';
  title: string;
  badge?: Badge;
  /** Epoch milliseconds; undefined when the time is not known. */
  at?: number;
}

/**
 * What the user achieved, newest first: each achieved milestone at its `achievedAt`, and each completed level at the
 * time of its last milestone (a level completes with it). Entries without a time go last.
 *
 * @example
 * journeyEntries(wm.milestones(), wm.levels())[0]; // { key: 'level:getting-started', kind: 'level', title: 'Getting started', at: … }
 */
export const journeyEntries = (milestones: MilestoneState[], levels: LevelState[]): JourneyEntry[] => {
  const byId = new Map(milestones.map((m) => [m.id, m]));
  const entries: JourneyEntry[] = milestones
    .filter((m) => m.status === 'achieved')
    .map((m) => ({ key: m.id, kind: 'milestone', title: m.title, badge: m.badge, at: m.achievedAt }));
  for (const l of levels) {
    if (!l.complete) continue;
    const times = l.milestones.map((id) => byId.get(id)?.achievedAt).filter((t): t is number => typeof t === 'number');
    entries.push({
      key: 'level:' + l.id,
      kind: 'level',
      title: l.title,
      badge: l.badge,
      at: times.length ? Math.max(...times) : undefined,
    });
  }
  // Newest first; at the same moment the level goes above the milestone that completed it.
  return entries.sort(
    (a, b) => (b.at ?? -Infinity) - (a.at ?? -Infinity) || (a.kind === 'level' ? -1 : b.kind === 'level' ? 1 : 0),
  );
};
