import { expect, it } from 'vitest';
import { WHOLE_STEPS, weekRange, weekTicks } from '../src/dashboard/client/chartScales';

// The dashboard's activation chart (uPlot), whose x values are start weeks' Mondays in Unix seconds.
const WEEK = 7 * 86_400;
const monday = Date.UTC(2026, 10, 30) / 1000;

it('a project with one start week gets a week-wide x range around it, not uPlot’s 1,000 days', () => {
  // uPlot proposes [monday, monday + 86,400,000] for a single x value in seconds: that axis ran over three years.
  expect(weekRange([monday])).toEqual([monday - WEEK / 2, monday + WEEK / 2]);
});

it('the bars at both ends are whole: half a week of room on either side', () => {
  const weeks = [monday - 2 * WEEK, monday - WEEK, monday];
  expect(weekRange(weeks)).toEqual([monday - 2.5 * WEEK, monday + WEEK / 2]);
});

it('the x ticks are the start weeks, thinned to stay 70 px apart, never one label per few hours', () => {
  const weeks = Array.from({ length: 13 }, (_, i) => monday - (12 - i) * WEEK);
  expect(weekTicks(weeks, 1100)).toEqual(weeks);
  expect(weekTicks(weeks, 400)).toEqual(weeks.filter((_, i) => i % 3 === 0));
  expect(weekTicks([monday], 1100)).toEqual([monday]);
});

it('the axis of new users counts in whole people', () => {
  expect(WHOLE_STEPS.every(Number.isInteger)).toBe(true);
  expect(WHOLE_STEPS[0]).toBe(1);
});
