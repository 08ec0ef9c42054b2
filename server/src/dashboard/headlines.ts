import type { Metrics } from './dashboardTypes';
import { percent } from './format';
import type { CohortTrend } from './readCohortTrend';

/** One executive line: the sentence, and whether it is good news (for its colour). */
export interface Headline {
  text: string;
  tone: 'good' | 'bad' | 'neutral';
}

/** What "activated" means in this project, measured by the dashboard (the first level complete). */
export interface Activation {
  levelTitle: string;
  users: number;
  activated: number;
  activatedWithin: number;
  withinDays: number;
}

/** The days from a user's start within which completing the first level counts as activation. */
export const ACTIVATION_DAYS = 14;

/** Trends need start cohorts this large on both sides: below it, a few users swing a rate by tens of points. */
export const MIN_COHORT = 20;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Two start cohorts, each measured over its first `days` days (see readCohortTrend). */
export interface Trend {
  days: number;
  recent: CohortTrend;
  earlier: CohortTrend;
}

/** The trend, when both cohorts are large enough to compare (MIN_COHORT); else undefined. */
export const fairTrend = (trend: Trend | undefined) =>
  trend && trend.recent.users >= MIN_COHORT && trend.earlier.users >= MIN_COHORT ? trend : undefined;

/** The median-days figures of the milestones both cohorts reached, for a like-for-like velocity comparison. */
const pairedVelocity = (trend: Trend) => {
  const pairs: [number, number][] = [];
  for (const [id, now] of Object.entries(trend.recent.milestones)) {
    const old = trend.earlier.milestones[id];
    if (typeof now.medianDays === 'number' && typeof old?.medianDays === 'number')
      pairs.push([now.medianDays, old.medianDays]);
  }
  return pairs;
};

/** "62% of users complete Getting started within 14 days; 75% have by now": the second part only when it differs. */
const activationLine = (a: Activation) => {
  const within = percent(a.activatedWithin / a.users);
  const ever = percent(a.activated / a.users);
  const line = `${within} of users complete ${a.levelTitle} within ${a.withinDays} days`;
  return ever === within ? line : `${line}; ${ever} have by now`;
};

/**
 * The sentences an executive reads first: activation within the first days, the milestone whose achievers retain
 * best against the others, and whether milestones come faster for recent users than for earlier ones (two start
 * cohorts, each over its first days). A line is left out when its numbers are too thin to say it (under 5 users; cohorts under 20).
 *
 * @example
 * headlines(metrics, trend, activation);
 * // [{ text: '62% of users complete Getting started within 14 days', tone: 'neutral' }, ...]
 */
export function headlines(metrics: Metrics, trend: Trend | undefined, activation: Activation | undefined): Headline[] {
  const lines: Headline[] = [];
  if (activation && activation.users >= 5)
    lines.push({
      text: activationLine(activation),
      tone: 'neutral',
    });

  const lifts = metrics.milestones
    .filter((m) => m.retention && m.retention.others > 0 && m.achieved >= 5 && m.eligible - m.achieved >= 5)
    .map((m) => ({ m, lift: m.retention!.achievers / m.retention!.others }))
    .sort((a, b) => b.lift - a.lift);
  const best = lifts[0];
  if (best && best.lift >= 1.1)
    lines.push({
      text: `Users who reach ${best.m.title} stay active at ${percent(best.m.retention!.achievers)}, against ${percent(best.m.retention!.others)} for the others (${best.lift.toFixed(1)}×)`,
      tone: 'good',
    });

  const fair = fairTrend(trend);
  if (fair) {
    const pairs = pairedVelocity(fair);
    if (pairs.length) {
      const nowDays = mean(pairs.map((p) => p[0]));
      const thenDays = mean(pairs.map((p) => p[1]));
      const change = thenDays > 0 ? (thenDays - nowDays) / thenDays : 0;
      if (Math.abs(change) >= 0.05)
        lines.push({
          text: `Milestone velocity is ${change > 0 ? 'improving' : 'slowing'}: users who started ${fair.days}–${2 * fair.days} days ago reach milestones ${percent(Math.abs(change))} ${change > 0 ? 'faster' : 'slower'} than those before them`,
          tone: change > 0 ? 'good' : 'bad',
        });
      else
        lines.push({
          text: `Milestone velocity is steady: users who started ${fair.days}–${2 * fair.days} days ago reach milestones as fast as those before them`,
          tone: 'neutral',
        });
    }
  }
  return lines;
}
