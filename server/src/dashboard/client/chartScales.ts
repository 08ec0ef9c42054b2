// The activation chart's scales: its week axis and its axis of people.

/** A week in seconds: the activation chart's x values are the start weeks' Mondays, in Unix seconds. */
const WEEK = 7 * 86_400;

/**
 * The activation chart's x range, from its start weeks (ascending, in seconds): the first to the last, with half a
 * week on either side, so that the bars at both ends are drawn whole and a project with a single start week shows
 * one bar in the middle. Taken from the weeks, not from the range uPlot proposes: for a single x value in seconds
 * that proposal is 1,000 days long (uPlot adds 86,400 / 0.001), which squeezed the bar against the left edge of an
 * axis of three years.
 *
 * @example
 * const monday = Date.UTC(2026, 10, 30) / 1000;
 * weekRange([monday]); // [monday - 3.5 days, monday + 3.5 days], in seconds
 * new uPlot({ scales: { x: { time: true, range: (u) => weekRange(u.data[0]) } }, ... });
 */
export function weekRange(weeks: ArrayLike<number>): [number, number] {
  const first = weeks.length ? weeks[0]! : Date.now() / 1000;
  const last = weeks.length ? weeks[weeks.length - 1]! : first;
  return [first - WEEK / 2, last + WEEK / 2];
}

/**
 * The activation chart's x ticks: the start weeks themselves (each bar is one "Week of"), every second, third… one
 * where they would be closer than `gap` pixels on a plot `width` pixels wide. uPlot's own time ticks fall every few
 * hours on a short range, and each of them was labelled with its day ("Nov 27, Nov 27, Nov 27").
 *
 * @example
 * weekTicks([w1, w2, w3, w4], 140); // [w1, w3]: 70 px apart at most every second week
 * axes: [{ splits: (u) => weekTicks(u.data[0], u.over.clientWidth) }, ...]
 */
export function weekTicks(weeks: ArrayLike<number>, width: number, gap = 70): number[] {
  const every = Math.max(1, Math.ceil((weeks.length * gap) / Math.max(1, width)));
  return Array.from(weeks).filter((_, i) => i % every === 0);
}

/** The tick steps of an axis that counts people: whole numbers only, never "0.2 users". */
export const WHOLE_STEPS = [
  1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1_000, 2_000, 2_500, 5_000, 10_000, 20_000, 25_000, 50_000, 100_000,
  200_000, 500_000, 1_000_000,
];
