import { DAY } from '../timeUnits';

/** How the dashboard writes numbers and dates: en-US, short, the same everywhere. */
const dateFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});
const number = new Intl.NumberFormat('en-US');

/** `Nov 2, 2026` (UTC), or an en dash for nothing. */
export const date = (t: number | undefined) => (t === undefined || !Number.isFinite(t) ? '–' : dateFormat.format(t));
/** `Nov 2, 09:00 UTC`. */
export const dateTime = (t: number | undefined) =>
  t === undefined || !Number.isFinite(t) ? '–' : dateTimeFormat.format(t);
/** `1,234`. */
export const count = (n: number) => number.format(n);
/** `62%` from 0.62. */
export const percent = (ratio: number | undefined) =>
  ratio === undefined || !Number.isFinite(ratio) ? '–' : `${Math.round(ratio * 100)}%`;
/** `3 days`, `1 day`. */
export const days = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n) ? '–' : `${Math.round(n * 10) / 10} day${n === 1 ? '' : 's'}`;
/** `5 days ago`, `today`, from product time. */
export const ago = (t: number | undefined, now: number) => {
  if (t === undefined) return 'never';
  const d = Math.floor((now - t) / DAY);
  return d <= 0 ? 'today' : d === 1 ? 'yesterday' : `${d} days ago`;
};
