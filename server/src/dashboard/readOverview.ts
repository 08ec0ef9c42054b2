import { answerCache, LARGE_USERS } from '../cache/answerCache';
import type { ServerContext } from '../context';
import { type MetricsAnswer, readMetrics } from '../metrics/readMetrics';
import { DAY, MINUTE } from '../timeUnits';
import { ACTIVATION_DAYS, type Activation, type Trend } from './headlines';
import { readActivation } from './readActivation';
import { readCohortTrend, trendPeriods } from './readCohortTrend';

/** The overview's numbers for one period: the metrics, the two start cohorts its trends compare, activation. */
export interface Overview {
  metrics: MetricsAnswer;
  trend?: Trend;
  activation?: Activation;
}

async function computeOverview(ctx: ServerContext, projectKey: string, days: number | undefined): Promise<Overview> {
  // From a whole minute: the parts of two overviews asked within a minute are the same questions.
  const minute = Math.floor(ctx.now() / MINUTE) * MINUTE;
  const from = days ? minute - days * DAY : undefined;
  const cohorts = days ? trendPeriods(minute, days) : undefined;
  const [metrics, recent, earlier, activation] = await Promise.all([
    readMetrics(ctx, projectKey, from === undefined ? {} : { from }),
    cohorts && readCohortTrend(ctx, projectKey, cohorts.recent, days!),
    cohorts && readCohortTrend(ctx, projectKey, cohorts.earlier, days!),
    readActivation(ctx, projectKey, ACTIVATION_DAYS, from),
  ]);
  return {
    metrics,
    ...(recent && earlier && days && { trend: { days, recent, earlier } }),
    ...(activation && { activation }),
  };
}

/**
 * The dashboard overview's numbers for the last `days` days (undefined: all time), from the functions behind the admin
 * API. One answer per project and period, whatever the minute: a large project's (5,000 users or more in the period)
 * is served at once while a newer one is computed, and kept warm while someone reads it (see answerCache), so the
 * overview of 100,000 users opens without waiting for the seconds its statements take. `metrics.to` says when it was
 * computed.
 *
 * @example
 * const { metrics, trend, activation } = await readOverview(ctx, 'pk_demo', 30);
 */
export function readOverview(ctx: ServerContext, projectKey: string, days: number | undefined): Promise<Overview> {
  return answerCache(ctx)(
    `overview\n${projectKey}\n${days ?? 'all'}`,
    () => computeOverview(ctx, projectKey, days),
    (overview) => overview.metrics.cohorts.reduce((users, week) => users + week.users, 0) >= LARGE_USERS,
    { warm: true },
  );
}
