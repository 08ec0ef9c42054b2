import { answerCache, LARGE_USERS } from '../cache/answerCache';
import type { ServerContext } from '../context';
import { DAY } from '../timeUnits';

/** One milestone in one cohort, over the cohort's first `horizonDays` days. */
export interface CohortMilestone {
  rate: number;
  medianDays: number | null;
}

/** A cohort of users who started in [from, to), each measured over their first `horizonDays` days. */
export interface CohortTrend {
  users: number;
  milestones: Record<string, CohortMilestone>;
}

/**
 * What a start cohort achieved in its first `horizonDays` days, per user-scope milestone: the share of its users who
 * achieved it that soon and their median days to it. Trends compare two cohorts measured this way, since comparing a
 * recent cohort (whose slow achievers have not arrived yet) with an older one would always look faster and rarer.
 * Only cohorts whose every user is at least `horizonDays` old are fair: the caller picks such periods. A cohort of
 * 5,000 users or more is reused for a minute (see answerCache).
 *
 * @example
 * await readCohortTrend(ctx, 'pk_demo', { from: now - 60 * DAY, to: now - 30 * DAY }, 30);
 * // { users: 410, milestones: { 'first-project': { rate: 0.93, medianDays: 0.2 }, ... } }
 */
export function readCohortTrend(
  ctx: ServerContext,
  projectKey: string,
  period: { from: number; to: number },
  horizonDays: number,
): Promise<CohortTrend> {
  return answerCache(ctx)(
    `cohort\n${projectKey}\n${period.from}\n${period.to}\n${horizonDays}`,
    () => computeCohortTrend(ctx, projectKey, period, horizonDays),
    (cohort) => cohort.users >= LARGE_USERS,
  );
}

async function computeCohortTrend(
  ctx: ServerContext,
  projectKey: string,
  period: { from: number; to: number },
  horizonDays: number,
): Promise<CohortTrend> {
  // One statement: the cohort's users are read once, for its size (the row without a milestone) and its achievements.
  const rows = await ctx.db.query(
    `with cohort as materialized (
       select subject, started_at from waymark_subjects
       where project_key = $1 and kind = 'user' and merged_into is null and started_at >= $2 and started_at < $3)
     select null milestone_id, count(*) as achieved, null::float8 as median_days from cohort
     union all
     select a.milestone_id, count(*),
            percentile_cont(0.5) within group (order by extract(epoch from (a.achieved_at - s.started_at)) / 86400)
     from cohort s join waymark_achievements a on a.project_key = $1 and a.subject = s.subject
     where a.achieved_at <= s.started_at + $4 * interval '1 day'
     group by a.milestone_id`,
    [projectKey, new Date(period.from).toISOString(), new Date(period.to).toISOString(), horizonDays],
  );
  const users = Number(rows.find((row) => row.milestone_id === null)?.achieved ?? 0);
  const milestones: Record<string, CohortMilestone> = {};
  for (const row of rows)
    if (row.milestone_id !== null)
      milestones[row.milestone_id] = {
        rate: users ? Number(row.achieved) / users : 0,
        medianDays: row.median_days === null ? null : Math.round(Number(row.median_days) * 10) / 10,
      };
  return { users, milestones };
}

/** The two cohorts a trend over `days` compares: started days–2×days ago, and 2×days–3×days ago. */
export const trendPeriods = (now: number, days: number) => ({
  recent: { from: now - 2 * days * DAY, to: now - days * DAY },
  earlier: { from: now - 3 * days * DAY, to: now - 2 * days * DAY },
});
