import type { ServerContext } from '../context';

/** What was recorded in digest windows: each user's own milestones, and per account and window start its team's. */
export interface DigestActivity {
  /** Milestone ids a user reached in their window, by subject. */
  own: Map<string, Set<string>>;
  /** Per `teamKey(account, since)`: the account's own milestones, and how many of its users reached each. */
  team: Map<string, { account: Set<string>; users: Map<string, number> }>;
}

/** The key of one account's window in `DigestActivity.team`. */
export const teamKey = (accountId: string, since: number) => `${accountId}\n${since}`;

const iso = (t: number) => new Date(t).toISOString();

/**
 * What was recorded between each user's window start (`since`) and `now`: their own achievements, and their
 * account's and its users' counted once per account and window start (the users of one page mostly share both), so
 * a team of any size costs one look-up per member, not one per member per user asking.
 *
 * @example
 * const activity = await readDigestActivity(ctx, 'pk_demo', [{ subject: 'u:42', accountId: 'acme', since }], now);
 * activity.own.get('u:42'); // Set { 'first_project' }
 */
export async function readDigestActivity(
  ctx: Pick<ServerContext, 'db'>,
  projectKey: string,
  windows: { subject: string; accountId: string | null; since: number }[],
  now: number,
): Promise<DigestActivity> {
  const rows = await ctx.db.query(
    `with w as (select * from jsonb_to_recordset($2::jsonb) as w(subject text, account text, since timestamptz)),
     groups as (select distinct account, since from w where account is not null)
     select 'own' part, w.subject k, w.since, a.milestone_id, 1 n from w
       join waymark_achievements a on a.project_key = $1 and a.subject = w.subject and a.recorded_at > w.since and a.recorded_at <= $3::timestamptz
     union all
     select 'account', g.account, g.since, a.milestone_id, 1 from groups g
       join waymark_achievements a on a.project_key = $1 and a.subject = 'c:' || g.account and a.recorded_at > g.since and a.recorded_at <= $3::timestamptz
     union all
     select 'users', g.account, g.since, a.milestone_id, count(*)::int from groups g
       join waymark_subjects t on t.project_key = $1 and t.account_id = g.account and t.kind = 'user'
       join waymark_achievements a on a.project_key = $1 and a.subject = t.subject and a.recorded_at > g.since and a.recorded_at <= $3::timestamptz
       group by g.account, g.since, a.milestone_id`,
    [
      projectKey,
      JSON.stringify(windows.map((w) => ({ subject: w.subject, account: w.accountId, since: iso(w.since) }))),
      iso(now),
    ],
  );
  const activity: DigestActivity = { own: new Map(), team: new Map() };
  for (const r of rows) {
    if (r.part === 'own') {
      const ids = activity.own.get(r.k) ?? new Set<string>();
      activity.own.set(r.k, ids.add(r.milestone_id));
      continue;
    }
    const key = teamKey(r.k, new Date(r.since).getTime());
    const team = activity.team.get(key) ?? { account: new Set<string>(), users: new Map<string, number>() };
    activity.team.set(key, team);
    if (r.part === 'account') team.account.add(r.milestone_id);
    else team.users.set(r.milestone_id, Number(r.n));
  }
  return activity;
}
