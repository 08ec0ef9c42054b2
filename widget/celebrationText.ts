import type { Badge } from 'waymark';
import type { Achievement } from './achievement';
import type { Format } from './strings';

/**
 * The lines of a celebration, shared by the toast and the live announcement: the headline (a completed level
 * first, else the milestones achieved), then the milestones when a level leads, then the badges earned.
 *
 * @example
 * celebrationText(t, [ofMilestone(invite), ofLevel(gettingStarted)]);
 * // ["Level complete: Getting started", "Milestone achieved: Invite a teammate", "Badges earned: Team player and Organized"]
 */
export const celebrationText = (t: Format, items: Achievement[]): string[] => {
  const levels = items.filter((a) => a.kind === 'level');
  const milestones = items.filter((a) => a.kind === 'milestone');
  const titles = (list: Achievement[]) => t.list(list.map((a) => a.title));
  const milestoneLine = milestones.length
    ? milestones.length > 1
      ? t('celebratedMany', { list: titles(milestones) })
      : t('celebrated', { title: milestones[0].title })
    : '';
  const badges = items.map((a) => a.badge).filter((b): b is Badge => !!b);
  const lines = levels.length ? [t('levelComplete', { title: titles(levels) }), milestoneLine] : [milestoneLine];
  if (badges.length) lines.push(t('badgeEarned', { name: t.list(badges.map((b) => b.name)), count: badges.length }));
  return lines.filter(Boolean);
};
