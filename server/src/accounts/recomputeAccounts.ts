import type { Query } from '../db/types';

/**
 * Rebuilds accounts' rows of `waymark_account_stats` from their users and achievements: after a user joined, moved or
 * was erased. The rows are created first and locked, so what is counted next (a statement of its own, with a fresh
 * snapshot) includes whatever another process committed to them meanwhile. An account with neither users nor state
 * of its own loses its row. Costs one account's users and achievements, never the project's.
 *
 * @example
 * await recomputeAccounts(query, 'pk_demo', ['acct_9']);
 */
export async function recomputeAccounts(query: Query, projectKey: string, accountIds: string[]) {
  const ids = [...new Set(accountIds)].sort();
  if (!ids.length) return;
  await query(
    `insert into waymark_account_stats (project_key, account_id) select $1, id from unnest($2::text[]) as id order by id on conflict do nothing`,
    [projectKey, ids],
  );
  await query(
    `select 1 from waymark_account_stats where project_key = $1 and account_id = any($2::text[]) order by account_id for update`,
    [projectKey, ids],
  );
  await query(
    `with members as (
       select account_id, subject, started_at from waymark_subjects
       where project_key = $1 and account_id = any($2::text[]) and kind = 'user' and merged_into is null),
     won as (
       select m.account_id, a.milestone_id, a.achieved_at from members m
       join waymark_achievements a on a.project_key = $1 and a.subject = m.subject
       union all
       select substr(a.subject, 3), a.milestone_id, a.achieved_at from waymark_achievements a
       where a.project_key = $1 and a.subject = any(select 'c:' || id from unnest($2::text[]) as id))
     update waymark_account_stats t set
       users = coalesce(m.users, 0), started_at = coalesce(m.started_at, c.started_at),
       achieved = coalesce(w.achieved, 0), last_achieved_at = w.last_at, times = coalesce(w.times, '{}'), milestones = coalesce(w.milestones, '{}')
     from unnest($2::text[]) as x(id)
     left join (select account_id, count(*)::int users, min(started_at) started_at from members group by account_id) m on m.account_id = x.id
     left join (select account_id, count(*)::int achieved, max(achieved_at) last_at,
                  array_agg((extract(epoch from achieved_at) * 1000)::float8 order by achieved_at) times,
                  array_agg(distinct milestone_id) milestones
                from won group by account_id) w on w.account_id = x.id
     left join waymark_subjects c on c.project_key = $1 and c.subject = 'c:' || x.id
     where t.project_key = $1 and t.account_id = x.id`,
    [projectKey, ids],
  );
  await query(
    `delete from waymark_account_stats t where t.project_key = $1 and t.account_id = any($2::text[]) and t.users = 0
       and not exists (select 1 from waymark_subjects c where c.project_key = $1 and c.subject = 'c:' || t.account_id)`,
    [projectKey, ids],
  );
}
