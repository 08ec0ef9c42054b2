import type { JsonValue, MilestoneDefinition } from 'waymark/engine';
import { answerCache, LARGE_USERS } from '../cache/answerCache';
import type { ServerContext } from '../context';
import { MIN_COMPARED } from '../state/createBenchmarks';
import { DAY, WEEK } from '../timeUnits';
import { inSegment, segmentSql } from './segmentKey';

/** Which users the metrics are about: those who started in [from, to) (epoch ms); by default all, up to now. */
export interface MetricsRange {
  from?: number;
  to?: number;
}

/** One milestone's numbers. */
export interface MilestoneMetrics {
  id: string;
  title: string;
  scope: 'user' | 'account';
  eligible: number;
  achieved: number;
  rate: number;
  medianDays: number | null;
  p75Days: number | null;
  /** Shares active in their last 30 days, of those older than 30 days; absent with fewer than 5 on either side. */
  retention?: { achievers: number; others: number };
  /** Achievements by the definitions version they were made under. */
  versions: Record<string, number>;
}

/** `GET /v1/admin/metrics`. */
export interface MetricsAnswer {
  from: string | null;
  to: string;
  definitionsVersion: number;
  milestones: MilestoneMetrics[];
  /** Milestones achieved in [from, to) per user active then, per 30 days. */
  density: number;
  cohorts: { week: string; users: number; activationRate: number | null }[];
  verified: { users: number; events: number };
}

/** 1970-01-05, a Monday: weeks start on Mondays, UTC. */
const MONDAY = 4 * DAY;
const MONTH = 30 * DAY;

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : 0);
const tenth = (x: number | null) => (x === null || x === undefined ? null : Math.round(Number(x) * 10) / 10);
const iso = (t: number) => new Date(t).toISOString();

interface Group {
  seg: Record<string, JsonValue>;
  old: boolean;
  active: boolean;
  n: number;
}

/** The subjects of one kind that started in the range, grouped, and their achievements, grouped. */
interface ScopeRows {
  people: (Group & { week: number; activated: boolean; verified: boolean; events: number; verified_events: number })[];
  groups: (Group & { milestone_id: string })[];
  velocity: { milestone_id: string; median: number; p75: number }[];
  versions: { milestone_id: string; v: number; n: number }[];
}

/**
 * One statement: the subjects of `kind` that started in [from, to), each one's engine state read once (segment traits,
 * first level), grouped; and their achievements, counted by milestone, version, segment and activity (hashed), and
 * by milestone for the percentiles.
 */
async function readScope(
  ctx: ServerContext,
  projectKey: string,
  kind: 'user' | 'account',
  keys: string[],
  firstLevel: string,
  from: number,
  to: number,
) {
  const rows = await ctx.db.query(
    `with people as materialized (
       select s.subject, s.started_at, ${segmentSql(keys, 7, 's.')} seg, s.started_at <= $5 old, s.last_event_at >= $5 active,
         floor((extract(epoch from s.started_at) * 1000 - ${MONDAY}) / ${WEEK})::int week, coalesce(s.doc->'done' ? $6::text, false) activated,
         s.verified_events > 0 verified, s.events, s.verified_events
       from waymark_subjects s where s.project_key = $1 and s.kind = $2 and s.merged_into is null and s.started_at >= $3 and s.started_at < $4),
     won as (
       select a.milestone_id, a.definitions_version v, p.seg, p.old, p.active, greatest(0, extract(epoch from a.achieved_at - p.started_at)) / 86400 days
       from people p join waymark_achievements a on a.project_key = $1 and a.subject = p.subject)
     select 'people' part, null milestone_id, null::int v, seg, old, active, week, activated, verified, count(*)::int n,
       sum(events)::float8 events, sum(verified_events)::float8 verified_events, null::float8 median, null::float8 p75
     from people group by seg, old, active, week, activated, verified
     union all
     select 'groups', milestone_id, v, seg, old, active, null, null, null, count(*)::int, null, null, null, null
     from won group by milestone_id, v, seg, old, active
     union all
     select 'velocity', milestone_id, null, null, null, null, null, null, null, count(*)::int, null, null,
       percentile_cont(0.5) within group (order by days), percentile_cont(0.75) within group (order by days)
     from won group by milestone_id`,
    [projectKey, kind, iso(from), iso(to), iso(ctx.now() - MONTH), firstLevel, ...keys],
  );
  // biome-ignore lint/suspicious/noExplicitAny: the union's parts have different columns; ScopeRows types them below
  const part = (name: string) => rows.filter((r) => r.part === name) as any[];
  const groups = part('groups');
  const versions = new Map<string, { milestone_id: string; v: number; n: number }>();
  for (const g of groups) {
    const key = `${g.milestone_id}\n${g.v}`;
    const entry = versions.get(key) ?? versions.set(key, { milestone_id: g.milestone_id, v: g.v, n: 0 }).get(key)!;
    entry.n += g.n;
  }
  return { people: part('people'), groups, velocity: part('velocity'), versions: [...versions.values()] } as ScopeRows;
}

/** The numbers of the milestones of one scope, over the subjects (users or accounts) that started in the range. */
function scopeMetrics(rows: ScopeRows, kind: 'user' | 'account', milestones: MilestoneDefinition[]) {
  const sum = (groups: Group[], keep: (g: Group) => boolean) =>
    groups.reduce((total, g) => total + (keep(g) ? g.n : 0), 0);
  return milestones.map((m): MilestoneMetrics => {
    const everyone = rows.people;
    const mine = rows.groups.filter((a) => a.milestone_id === m.id);
    const matching = (g: Group) => inSegment(m, g.seg);
    const achieved = sum(mine, () => true);
    // An achievement is permanent: someone whose traits left the segment after achieving it still counts, as eligible.
    const eligible = sum(everyone, matching) + sum(mine, (g) => !matching(g));
    const achieversOld = sum(mine, (g) => g.old);
    const achieversRetained = sum(mine, (g) => g.old && g.active);
    const othersOld = sum(everyone, (g) => matching(g) && g.old) - sum(mine, (g) => matching(g) && g.old);
    const othersRetained =
      sum(everyone, (g) => matching(g) && g.old && g.active) - sum(mine, (g) => matching(g) && g.old && g.active);
    const pace = rows.velocity.find((v) => v.milestone_id === m.id);
    return {
      id: m.id,
      title: m.title,
      scope: kind,
      eligible,
      achieved,
      rate: share(achieved, eligible),
      medianDays: tenth(pace?.median ?? null),
      p75Days: tenth(pace?.p75 ?? null),
      ...(achieversOld >= MIN_COMPARED &&
        othersOld >= MIN_COMPARED && {
          retention: { achievers: share(achieversRetained, achieversOld), others: share(othersRetained, othersOld) },
        }),
      versions: Object.fromEntries(rows.versions.filter((v) => v.milestone_id === m.id).map((v) => [String(v.v), v.n])),
    };
  });
}

async function computeMetrics(ctx: ServerContext, projectKey: string, range: MetricsRange): Promise<MetricsAnswer> {
  const now = ctx.now();
  // An open range ends now, and includes it.
  const to = range.to ?? now + 1;
  const from = range.from ?? 0;
  const definitions = await ctx.definitions.current(projectKey);
  const users = definitions.milestones.filter((m) => m.scope !== 'account');
  const accounts = definitions.milestones.filter((m) => m.scope === 'account');
  const keysOf = (list: MilestoneDefinition[]) =>
    [...new Set(list.flatMap((m) => Object.keys(m.segment ?? {})))].sort();
  const firstLevel = definitions.levels[0]?.id ?? '';
  const people = `project_key = $1 and kind = 'user' and merged_into is null`;
  const [userRows, accountRows, [activity]] = await Promise.all([
    readScope(ctx, projectKey, 'user', keysOf(users), firstLevel, from, to),
    accounts.length ? readScope(ctx, projectKey, 'account', keysOf(accounts), '', from, to) : undefined,
    ctx.db.query(
      `select (select count(*)::int from waymark_achievements where project_key = $1 and subject like 'u:%' and achieved_at >= $2 and achieved_at < $3) achieved,
              (select count(*)::int from waymark_subjects where ${people} and started_at < $3 and last_event_at >= $2) active,
              (select min(started_at) from waymark_subjects where ${people}) first`,
      [projectKey, iso(from), iso(to)],
    ),
  ]);
  const byId = new Map(
    [
      ...scopeMetrics(userRows, 'user', users),
      ...(accountRows ? scopeMetrics(accountRows, 'account', accounts) : []),
    ].map((m) => [m.id, m]),
  );
  const weeks = new Map<number, { users: number; activated: number }>();
  let verifiedUsers = 0;
  let events = 0;
  let verifiedEvents = 0;
  for (const p of userRows.people) {
    const week = weeks.get(p.week) ?? weeks.set(p.week, { users: 0, activated: 0 }).get(p.week)!;
    week.users += p.n;
    if (p.activated) week.activated += p.n;
    if (p.verified) verifiedUsers += p.n;
    events += p.events;
    verifiedEvents += p.verified_events;
  }
  const userCount = userRows.people.reduce((total, p) => total + p.n, 0);
  // The range starts no earlier than the first user: an open range is as long as the project has had users.
  const start = Math.max(from, activity.first ? new Date(activity.first).getTime() : to);
  const months = Math.max(DAY, to - start) / MONTH;
  return {
    from: range.from === undefined ? null : iso(from),
    to: iso(range.to ?? now),
    definitionsVersion: definitions.version,
    milestones: definitions.milestones.map((m) => byId.get(m.id)!),
    density: activity.active ? Math.round((activity.achieved / activity.active / months) * 100) / 100 : 0,
    cohorts: [...weeks.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([week, c]) => ({
        week: iso(MONDAY + week * WEEK).slice(0, 10),
        users: c.users,
        activationRate: firstLevel ? share(c.activated, c.users) : null,
      })),
    verified: { users: share(verifiedUsers, userCount), events: share(verifiedEvents, events) },
  };
}

/**
 * The project's metrics at `ctx.now()`, from verified achievements only (`waymark_achievements`), over identified users
 * (accounts, for account-scope milestones) who started in the range:
 * per milestone, `eligible` (shown the milestone: its segment matches their traits, or they achieved it), `achieved`,
 * `rate`, `medianDays`/`p75Days` from their start to the achievement (interpolated percentiles, to a tenth of a day),
 * `retention` (active in the last 30 days, of those who started more than 30 days ago: achievers against the eligible
 * others), and the definitions versions the achievements were made under; `density` (milestones achieved in the range
 * per user seen in it, per 30 days), `cohorts` by start week (Monday, UTC) with the share that completed the first
 * level, and `verified`, the shares of users and events that came with a valid identity token. Grouped in the database:
 * the answer's size follows milestones, weeks and segment traits, never users. At 5,000 users or more in the range, the
 * answer for the same range is reused for a minute (see answerCache); its `to` says when it was computed.
 *
 * @example
 * const metrics = await readMetrics(ctx, 'pk_demo', { from: Date.parse('2026-11-01') });
 */
export function readMetrics(ctx: ServerContext, projectKey: string, range: MetricsRange = {}): Promise<MetricsAnswer> {
  return answerCache(ctx)(
    `metrics\n${projectKey}\n${range.from ?? ''}\n${range.to ?? ''}`,
    () => computeMetrics(ctx, projectKey, range),
    (answer) => answer.cohorts.reduce((users, week) => users + week.users, 0) >= LARGE_USERS,
  );
}
