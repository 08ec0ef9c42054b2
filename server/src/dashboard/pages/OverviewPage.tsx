import { DAY, WEEK } from '../../timeUnits';
import type { AccountRow, AccountStatus, Metrics, MilestoneMetric } from '../dashboardTypes';
import { STATUS_LABEL } from '../dashboardTypes';
import { ago, count, dateTime, days, percent } from '../format';
import { ACTIVATION_DAYS, type Trend as CohortTrends, fairTrend, type Headline, MIN_COHORT } from '../headlines';
import type { CohortMilestone } from '../readCohortTrend';
import { Layout } from './Layout';

export interface OverviewProps {
  projectKey: string;
  csrf: string;
  now: number;
  range: { days: number | undefined; label: string };
  metrics: Metrics;
  /** When the figures were computed. */
  asOf: number;
  /** Two start cohorts over their first days, for the trend columns; none for all time. */
  trend?: CohortTrends;
  headlines: Headline[];
  statuses: Record<AccountStatus, number>;
  atRisk: AccountRow[];
  expansion: AccountRow[];
}

const RANGES: [string, string][] = [
  ['30', 'Last 30 days'],
  ['90', 'Last 90 days'],
  ['all', 'All time'],
];

/** A change between two periods: "▲ 4 pts" for rates, "▼ 1.2 days" for velocity (fewer days is better). */
const Trend = ({
  now,
  before,
  unit,
}: {
  now: number | null | undefined;
  before: number | null | undefined;
  unit: 'rate' | 'days';
}) => {
  if (typeof now !== 'number' || typeof before !== 'number') return <span class="muted">–</span>;
  const change = unit === 'rate' ? Math.round((now - before) * 100) : Math.round((now - before) * 10) / 10;
  if (change === 0) return <span class="trend flat">steady</span>;
  const better = unit === 'rate' ? change > 0 : change < 0;
  const text = unit === 'rate' ? `${Math.abs(change)} pts` : `${Math.abs(change)} days`;
  return (
    <span class={`trend ${better ? 'up' : 'down'}`}>
      <span aria-hidden="true">{change > 0 ? '▲' : '▼'}</span>
      <span class="sr-only">{change > 0 ? 'up' : 'down'} </span>
      {text}
    </span>
  );
};

const RateBar = ({ rate }: { rate: number }) => (
  <span class="rate">
    <progress max={100} value={Math.round(rate * 100)} aria-hidden="true" />
    {percent(rate)}
  </span>
);

const MilestoneRow = ({
  m,
  recent,
  earlier,
}: {
  m: MilestoneMetric;
  recent?: CohortMilestone;
  earlier?: CohortMilestone;
}) => (
  <tr>
    <th scope="row">{m.title}</th>
    <td class="num">{count(m.eligible)}</td>
    <td class="num">{count(m.achieved)}</td>
    <td>
      <RateBar rate={m.rate} />
    </td>
    <td>
      <Trend now={recent?.rate} before={earlier?.rate} unit="rate" />
    </td>
    <td class="num">{days(m.medianDays ?? undefined)}</td>
    <td class="num">{days(m.p75Days ?? undefined)}</td>
    <td>
      <Trend now={recent?.medianDays} before={earlier?.medianDays} unit="days" />
    </td>
    <td class="num">{m.retention ? `${percent(m.retention.achievers)} vs ${percent(m.retention.others)}` : '–'}</td>
  </tr>
);

const ShortList = ({
  title,
  id,
  rows,
  empty,
  now,
  href,
}: {
  title: string;
  id: string;
  rows: AccountRow[];
  empty: string;
  now: number;
  href: string;
}) => (
  <section class="card" aria-labelledby={id}>
    <div class="card-head">
      <h2 id={id}>{title}</h2>
      <a href={href}>See all</a>
    </div>
    {rows.length ? (
      <ul class="shortlist">
        {rows.map((a) => (
          <li>
            <a href={`/dashboard/accounts/${encodeURIComponent(a.accountId)}`}>{a.accountId}</a>
            <span class={`pill ${a.status}`}>{STATUS_LABEL[a.status]}</span>
            <span class="muted small">
              {count(a.users)} users · {count(a.achieved)} milestones
              {/* Said in full: the account's page beside it says when it was last active, which is another date. */}
              {a.lastAchievedAt ? ` · last achieved ${ago(Date.parse(a.lastAchievedAt), now)}` : ''}
            </span>
          </li>
        ))}
      </ul>
    ) : (
      <p class="empty">{empty}</p>
    )}
  </section>
);

/**
 * The executive view: the headline sentences, accounts by status, milestone density and verified identities, cohort
 * activation by start week as a chart (with its table), achievement rate and velocity per milestone with their trend
 * against the period before, and the accounts at risk and ready for expansion.
 */
export function OverviewPage(props: OverviewProps) {
  const { metrics, trend, now } = props;
  const fair = fairTrend(trend);
  // A milestone nobody in a cohort reached has rate 0 there, and no velocity.
  const inCohort = (cohort: CohortTrends['recent'], id: string) =>
    cohort.milestones[id] ?? { rate: 0, medianDays: null };
  const totalAccounts = Object.values(props.statuses).reduce((a, b) => a + b, 0);
  const weekStarts = metrics.cohorts.map((c) => Date.parse(`${c.week}T00:00:00Z`));
  // A week whose last users have not had the activation window yet is still filling: its share can only grow, and
  // drawn like the others it reads as a drop. The chart dashes it, the table says "so far".
  const filling = weekStarts.map((start) => start + WEEK + ACTIVATION_DAYS * DAY > props.asOf);
  const rates = metrics.cohorts.map((c) =>
    c.activationRate === null ? null : Math.round(c.activationRate * 1000) / 10,
  );
  const chart = {
    weeks: weekStarts.map((start) => start / 1000),
    activation: rates.map((rate, i) => (filling[i] ? null : rate)),
    // The last settled week too, so that the dashed line goes on from the solid one.
    filling: rates.map((rate, i) => (filling[i] || filling[i + 1] ? rate : null)),
    users: metrics.cohorts.map((c) => c.users),
  };
  return (
    <Layout title="Overview" projectKey={props.projectKey} section="overview" csrf={props.csrf}>
      <div class="page-head">
        <div>
          <h1>Overview</h1>
          {/* A large project's figures can be a few minutes old (they are computed ahead of time): say when. */}
          <p class="small muted as-of">Figures as of {dateTime(props.asOf)}</p>
        </div>
        <nav class="segmented" aria-label="Period">
          {RANGES.map(([value, label]) => (
            <a
              href={`/dashboard/overview?range=${value}`}
              aria-current={props.range.label === label ? 'true' : undefined}
            >
              {label}
            </a>
          ))}
        </nav>
      </div>

      <section class="card headlines" aria-labelledby="headlines-title">
        <h2 id="headlines-title">Headlines · {props.range.label.toLowerCase()}</h2>
        {props.headlines.length ? (
          <ul>
            {props.headlines.map((h) => (
              <li class={h.tone}>{h.text}</li>
            ))}
          </ul>
        ) : (
          <p class="empty">Not enough verified activity yet to say anything with confidence.</p>
        )}
      </section>

      <div class="kpis">
        <a class="kpi card" href="/dashboard/accounts">
          <span class="label">Accounts</span>
          <span class="value">{count(totalAccounts)}</span>
          <span class="small muted">
            {count(props.statuses.on_track + props.statuses.expansion)} on track or expanding
          </span>
        </a>
        <a class="kpi card" href="/dashboard/accounts?status=stalled&status=behind">
          <span class="label">At risk</span>
          <span class="value bad">{count(props.statuses.stalled + props.statuses.behind)}</span>
          <span class="small muted">
            {count(props.statuses.stalled)} stalled · {count(props.statuses.behind)} behind pace
          </span>
        </a>
        <div class="kpi card">
          <span class="label">Milestone density</span>
          <span class="value">{metrics.density.toFixed(1)}</span>
          <span class="small muted">milestones per active user per 30 days</span>
        </div>
        <div class="kpi card">
          <span class="label">Verified identities</span>
          <span class="value">{percent(metrics.verified.users)}</span>
          <span class="small muted">of users · {percent(metrics.verified.events)} of events</span>
        </div>
      </div>

      <section class="card" aria-labelledby="cohorts-title">
        <h2 id="cohorts-title">Activation by start week</h2>
        <p class="muted small">
          Share of each week's new users who completed the first level, and how many started that week. Dashed: weeks
          whose users have not all had {ACTIVATION_DAYS} days yet, whose share is still growing.
        </p>
        {metrics.cohorts.length ? (
          <>
            <figure class="chart" data-chart="cohorts" data-points={JSON.stringify(chart)} aria-hidden="true" />
            <details>
              <summary>Show as a table</summary>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Week starting</th>
                    <th scope="col" class="num">
                      New users
                    </th>
                    <th scope="col" class="num">
                      Activated
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {metrics.cohorts.map((c, i) => (
                    <tr>
                      <td>{c.week}</td>
                      <td class="num">{count(c.users)}</td>
                      <td class="num">
                        {percent(c.activationRate ?? undefined)}
                        {filling[i] && c.activationRate !== null ? ' so far' : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        ) : (
          <p class="empty">No users started in this period.</p>
        )}
      </section>

      <section class="card" aria-labelledby="milestones-title">
        <h2 id="milestones-title">Milestones</h2>
        <section class="scroll" tabIndex={0} aria-label="Milestones table">
          <table class="metrics">
            <thead>
              <tr>
                <th scope="col">Milestone</th>
                <th scope="col" class="num">
                  Eligible
                </th>
                <th scope="col" class="num">
                  Achieved
                </th>
                <th scope="col">Rate</th>
                <th scope="col">Rate trend</th>
                <th scope="col" class="num">
                  Median
                </th>
                <th scope="col" class="num">
                  p75
                </th>
                <th scope="col">Velocity trend</th>
                <th scope="col" class="num" title="Active in their last 30 days: achievers vs the others">
                  Retention
                </th>
              </tr>
            </thead>
            <tbody>
              {metrics.milestones.map((m) => (
                <MilestoneRow
                  m={m}
                  {...(fair &&
                    m.scope !== 'account' && {
                      recent: inCohort(fair.recent, m.id),
                      earlier: inCohort(fair.earlier, m.id),
                    })}
                />
              ))}
            </tbody>
          </table>
        </section>
        <p class="muted small">
          Median and p75: days from a user's start to the milestone. Retention: users active in their last 30 days,
          achievers against the others (users older than 30 days).{' '}
          {fair
            ? `Trends compare users who started ${fair.days}–${2 * fair.days} days ago with those who started ${2 * fair.days}–${3 * fair.days} days ago, each over their first ${fair.days} days.`
            : `Trends need two earlier start cohorts of ${MIN_COHORT} users or more, each old enough to compare over the same first days.`}
        </p>
      </section>

      <div class="grid two">
        <ShortList
          title="At risk"
          id="risk-title"
          rows={props.atRisk}
          empty="No account is stalled or behind pace."
          now={now}
          href="/dashboard/accounts?status=stalled&status=behind"
        />
        <ShortList
          title="Expansion candidates"
          id="expansion-title"
          rows={props.expansion}
          empty="No account stands out yet."
          now={now}
          href="/dashboard/accounts?status=expansion"
        />
      </div>
    </Layout>
  );
}
