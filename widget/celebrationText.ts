import type { Badge, MilestoneState } from '../src/types';
import type { Format } from './strings';

/**
 * Headline and badge line of a celebration, shared by the toast and the live announcement.
 *
 * @example
 * celebrationText(t, [milestone]); // ["Milestone unlocked: Complete 10 tasks", "Badge earned: Productive"]
 */
export const celebrationText = (t: Format, items: MilestoneState[]): [string, string] => {
  const badges = items.map((m) => m.badge).filter((b): b is Badge => !!b);
  return [
    items.length > 1 ? t('unlockedMany', { list: t.list(items.map((m) => m.title)) }) : t('unlocked', { title: items[0]?.title ?? '' }),
    badges.length ? t('badgeEarned', { name: t.list(badges.map((b) => b.name)) }) : '',
  ];
};
