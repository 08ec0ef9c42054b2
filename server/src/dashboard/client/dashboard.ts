// The dashboard's only script: charts (uPlot) from the data the server put in the page. Everything else is plain
// server-rendered HTML that works without it (each chart has its table). No inline script or style attribute: the
// page's CSP is default-src 'self', and styles set through the CSSOM by this file are allowed by it.
import uPlot from 'uplot';
import './dashboard.css';
import { WHOLE_STEPS, weekRange, weekTicks } from './chartScales';

interface CohortPoints {
  weeks: number[];
  activation: (number | null)[];
  /** The weeks still filling (and the settled one before them), drawn dashed. */
  filling: (number | null)[];
  users: number[];
}

const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

const weekLabel = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Activation rate (line, left axis, %) and new users (bars, right axis) by start week. */
function cohortChart(figure: HTMLElement, points: CohortPoints) {
  const accent = css('--accent');
  const muted = css('--muted');
  const line = css('--line');
  const bars = css('--bars');
  const axis = { stroke: muted, grid: { stroke: line, width: 1 }, ticks: { stroke: line, width: 1 } };
  const { filling } = points;
  const fillingWeeks = filling.flatMap((v, i) => (v !== null && points.activation[i] === null ? [i] : []));
  const options: uPlot.Options = {
    width: figure.clientWidth,
    height: 260,
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
    scales: {
      x: { time: true, range: (u) => weekRange(u.data[0]) },
      rate: { range: [0, 100] },
      users: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.15] },
    },
    axes: [
      {
        ...axis,
        splits: (u) => weekTicks(u.data[0], u.over.clientWidth),
        values: (_u, ticks) => ticks.map((t) => weekLabel.format(t * 1000)),
      },
      { ...axis, scale: 'rate', values: (_u, ticks) => ticks.map((t) => `${t}%`) },
      { ...axis, scale: 'users', side: 1, grid: { show: false }, incrs: WHOLE_STEPS },
    ],
    series: [
      { label: 'Week of', value: (_u, t) => (t === null ? '–' : weekLabel.format(t * 1000)) },
      {
        label: 'New users',
        scale: 'users',
        stroke: bars,
        fill: bars,
        paths: uPlot.paths.bars!({ size: [0.6, 40] }),
        points: { show: false },
        value: (_u, v) => (v === null ? '–' : String(v)),
      },
      {
        label: 'Activated',
        scale: 'rate',
        stroke: accent,
        width: 2.5,
        points: { size: 6, fill: accent },
        value: (_u, v) => (v === null ? '–' : `${v}%`),
      },
      {
        label: 'Activated so far',
        scale: 'rate',
        stroke: accent,
        width: 2,
        dash: [6, 5],
        // Hollow points on the weeks still filling; the settled week it starts from keeps its solid one.
        points: { size: 6, stroke: accent, fill: css('--surface'), filter: () => fillingWeeks },
        value: (_u, v) => (v === null ? '–' : `${v}%`),
      },
    ],
  };
  const plot = new uPlot(options, [points.weeks, points.users, points.activation, filling], figure);
  new ResizeObserver(() => plot.setSize({ width: figure.clientWidth, height: 260 })).observe(figure);
  return plot;
}

function drawCharts() {
  for (const figure of document.querySelectorAll<HTMLElement>('[data-chart]')) {
    figure.replaceChildren();
    const points = JSON.parse(figure.dataset.points ?? 'null');
    if (figure.dataset.chart === 'cohorts' && points) cohortChart(figure, points as CohortPoints);
  }
}

document.documentElement.classList.add('js');
drawCharts();
// Colours come from the page's light or dark palette: redraw when the system switches.
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', drawCharts);
