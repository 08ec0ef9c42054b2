import type { MilestoneState } from 'waymark';

/**
 * The time (and money, when every milestone that counts money uses one currency) saved across all milestones with a
 * `value`, for "Since you started: ≈ 120 hours saved · $3,600". Undefined when nothing was saved yet.
 *
 * @example
 * roiTotal(wm.milestones()); // { minutes: 7200, money: 3600, currency: 'USD' }
 */
export const roiTotal = (
  milestones: MilestoneState[],
): { minutes: number; money?: number; currency?: string } | undefined => {
  const values = milestones.map((m) => m.value).filter((v) => v && v.minutesSaved > 0);
  const minutes = values.reduce((sum, v) => sum + v!.minutesSaved, 0);
  if (!minutes) return undefined;
  const priced = values.filter((v) => v!.moneySaved && v!.currency);
  const currencies = new Set(priced.map((v) => v!.currency));
  if (currencies.size !== 1) return { minutes };
  return { minutes, money: priced.reduce((sum, v) => sum + v!.moneySaved!, 0), currency: priced[0]!.currency };
};
