import type { Query } from '../db/types';
import { DAY } from '../timeUnits';

/** Like the benchmarks, days past a year count as the 365th. */
export const MAX_PACE_DAY = 365;

/** Whole days from `start` to `at`, within 0..365. */
export const paceDay = (at: number, start: number) => Math.min(MAX_PACE_DAY, Math.floor(Math.max(0, at - start) / DAY));

/** (k, day) for each achievement time: the k-th milestone (in time order) was reached on that day. */
const ordinals = (times: number[], start: number) =>
  [...times].sort((a, b) => a - b).map((t, i) => [i + 1, paceDay(t, start)] as const);

/**
 * Moves a subject's entries in `waymark_pace_days` from the achievement times it had to those it has: each entry says
 * "a user reached their k-th milestone on day d"; and in `waymark_pace_starts` ("a user who started on day s has
 * reached k"). Overall standing (`overall` in `/v1/state`) reads these counts, a
 * few hundred rows per project, never the achievements. `before` and `after` are epoch ms; unchanged ordinals cost nothing.
 *
 * @example
 * await movePace(query, 'pk_demo', 'user', startedAt, [t1], [t1, t2]);
 */
export async function movePace(
  query: Query,
  projectKey: string,
  kind: string,
  start: number,
  before: number[],
  after: number[],
) {
  const old = ordinals(before, start);
  const next = ordinals(after, start);
  const changes: { k: number; day: number; n: number }[] = [];
  for (let i = 0; i < Math.max(old.length, next.length); i++) {
    if (old[i]?.[1] === next[i]?.[1]) continue;
    if (old[i]) changes.push({ k: old[i][0], day: old[i][1], n: -1 });
    if (next[i]) changes.push({ k: next[i][0], day: next[i][1], n: 1 });
  }
  const startDay = Math.floor(start / DAY);
  const counts: { k: number; n: number }[] = [];
  for (let k = Math.min(before.length, after.length) + 1; k <= Math.max(before.length, after.length); k++)
    counts.push({ k, n: after.length > before.length ? 1 : -1 });
  if (counts.length)
    await query(
      `insert into waymark_pace_starts (project_key, kind, start_day, k, n)
       select $1, $2, $3, c.k, c.n from jsonb_to_recordset($4::jsonb) as c(k int, n int) order by c.k
       on conflict (project_key, kind, start_day, k) do update set n = waymark_pace_starts.n + excluded.n`,
      [projectKey, kind, startDay, JSON.stringify(counts)],
    );
  if (!changes.length) return;
  await query(
    `insert into waymark_pace_days (project_key, kind, k, day, n)
     select $1, $2, c.k, c.day, sum(c.n)::int from jsonb_to_recordset($3::jsonb) as c(k int, day int, n int) group by c.k, c.day order by c.k, c.day
     on conflict (project_key, kind, k, day) do update set n = waymark_pace_days.n + excluded.n`,
    [projectKey, kind, JSON.stringify(changes)],
  );
}

/**
 * After a verification recorded a user's new achievements: their pace entries are redrawn from all their
 * achievements (the new ones may be earlier than the old, from a late batch).
 *
 * @example
 * await recordPace(query, 'pk_demo', 'u:42', ['ten-tasks']);
 */
export async function recordPace(query: Query, projectKey: string, subject: string, newIds: string[]) {
  if (!newIds.length) return;
  const rows = await query(
    `select a.milestone_id, a.achieved_at, s.started_at from waymark_achievements a
     join waymark_subjects s on s.project_key = a.project_key and s.subject = a.subject where a.project_key = $1 and a.subject = $2`,
    [projectKey, subject],
  );
  if (!rows.length) return;
  const fresh = new Set(newIds);
  const start = new Date(rows[0].started_at).getTime();
  const all = rows.map((r) => ({ id: r.milestone_id as string, at: new Date(r.achieved_at).getTime() }));
  await movePace(
    query,
    projectKey,
    'user',
    start,
    all.filter((a) => !fresh.has(a.id)).map((a) => a.at),
    all.map((a) => a.at),
  );
}
