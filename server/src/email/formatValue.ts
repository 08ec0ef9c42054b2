import type { MilestoneState } from 'waymark/engine';

const number = (n: number, digits: number) => new Intl.NumberFormat('en', { maximumFractionDigits: digits }).format(n);

const duration = (minutes: number) => {
  if (minutes < 60) return `${number(minutes, 0)} ${Math.round(minutes) === 1 ? 'minute' : 'minutes'}`;
  const hours = minutes / 60;
  const text = number(hours, hours < 10 ? 1 : 0);
  return `${text} ${text === '1' ? 'hour' : 'hours'}`;
};

const money = (amount: number, currency: string) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${number(amount, 0)} ${currency}`;
  }
};

/**
 * The ROI line of a milestone with `value`, from the figures the engine computed (`MilestoneState.value`, the same
 * the widget shows), worded as the widget words it in English: "≈ 83 hours saved · $2,490". Undefined without value.
 * Written here rather than imported: the widget's formatter lives in the browser bundle, with its locales.
 *
 * @example
 * formatValue(engine.milestones()[0]); // '≈ 1.7 hours saved · $50'
 */
export function formatValue(milestone: Pick<MilestoneState, 'value'>): string | undefined {
  const v = milestone.value;
  if (!v || !(v.minutesSaved > 0)) return undefined;
  const time = `≈ ${duration(v.minutesSaved)} saved`;
  return v.moneySaved !== undefined && v.currency ? `${time} · ${money(v.moneySaved, v.currency)}` : time;
}
