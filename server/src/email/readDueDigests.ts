import type { ServerContext } from '../context';

/** A user whose digest is due, and the start of its window (their last digest, or 7 days before now for a first). */
export interface DueDigest {
  subject: string;
  accountId: string | null;
  /** Their last digest (epoch ms), or null before the first. */
  lastAt: number | null;
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * The users due a digest at `now`, in subject order, at most `limit`: an email trait, no digest since `weekAgo` (or
 * never), and something recorded since their window began: their own achievement, their account's, or a teammate's
 * (by when the server recorded it, so a batch that arrived late is never skipped).
 * Read from the achievements recorded since the oldest window (one range of the recording-time index) grouped by
 * subject and by account, then one pass over the users: a cost that grows with users plus recent achievements. Asked
 * per user (does anyone on my team have one since?), it read every achievement for every user: 70 s and more for
 * one page at 100,000 users, past the statement timeout.
 *
 * @example
 * const due = await readDueDigests(ctx, 'pk_demo', Date.now() - WEEK, Date.now(), 20_000);
 */
export async function readDueDigests(
  ctx: Pick<ServerContext, 'db'>,
  projectKey: string,
  weekAgo: number,
  now: number,
  limit: number,
): Promise<DueDigest[]> {
  const rows = await ctx.db.query(
    `with recent as (
       select a.subject, max(a.recorded_at) last_at from waymark_achievements a
       where a.project_key = $1 and a.recorded_at <= $3::timestamptz
         and a.recorded_at > least((select min(d.last_at) from waymark_email_digests d where d.project_key = $1), $2::timestamptz)
       group by a.subject),
     team as (
       select coalesce(t.account_id, substr(r.subject, 3)) account_id, max(r.last_at) last_at from recent r
       left join waymark_subjects t on t.project_key = $1 and t.subject = r.subject and t.kind = 'user'
       where t.account_id is not null or r.subject like 'c:%'
       group by 1)
     select s.subject, s.account_id, d.last_at from waymark_subjects s
     left join waymark_email_digests d on d.project_key = s.project_key and d.user_id = substr(s.subject, 3)
     left join recent own on own.subject = s.subject
     left join team on team.account_id = s.account_id
     where s.project_key = $1 and s.kind = 'user' and s.doc -> 'traits' ? 'email' and s.merged_into is null
       and (d.last_at is null or d.last_at <= $2::timestamptz)
       and greatest(own.last_at, team.last_at) > coalesce(d.last_at, $2::timestamptz)
     order by s.subject limit ${Number(limit)}`,
    [projectKey, iso(weekAgo), iso(now)],
  );
  return rows.map((r) => ({
    subject: r.subject as string,
    accountId: (r.account_id as string | null) ?? null,
    lastAt: r.last_at ? new Date(r.last_at).getTime() : null,
  }));
}
