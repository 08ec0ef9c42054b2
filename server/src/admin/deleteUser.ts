import { recomputeAccounts } from '../accounts/recomputeAccounts';
import type { ServerContext } from '../context';
import type { Query } from '../db/types';
import { movePace } from '../overall/recordPace';
import { DAY } from '../timeUnits';
import { accountSubject, userSubject } from '../verify/subjects';

/** Takes a subject's achievements out of the benchmark counts (before they are deleted). */
const forgetAchievements = (query: Query, projectKey: string, subject: string, startedAt: Date | string) =>
  query(
    `update waymark_benchmark_days b set n = b.n - 1 from waymark_achievements a
     where a.project_key = $1 and a.subject = $2 and b.project_key = $1 and b.milestone_id = a.milestone_id
       and b.day = least(365, greatest(0, floor(extract(epoch from a.achieved_at - $3::timestamptz) / 86400)))::int`,
    [projectKey, subject, new Date(startedAt).toISOString()],
  );

/**
 * Right to erasure: deletes a user's events (with those of the devices they identified on), their engine state,
 * achievements, queued work and webhook deliveries, and takes them out of the benchmarks. Their account, whose state included their
 * events, is rebuilt from the events that remain. Answers how many events were deleted.
 *
 * @example
 * const { deleted } = await deleteUser(ctx, 'pk_demo', 'u_1');
 */
export async function deleteUser(ctx: ServerContext, projectKey: string, userId: string): Promise<{ deleted: number }> {
  const user = userSubject(userId);
  const result = await ctx.db.transaction(async (query) => {
    const subjects = await query(
      `select subject, kind, started_at, account_id from waymark_subjects where project_key = $1 and (subject = $2 or merged_into = $2)
       order by subject for update`,
      [projectKey, user],
    );
    const devices = subjects.filter((s) => s.kind === 'anonymous').map((s) => s.subject.slice(2));
    const own = subjects.find((s) => s.subject === user);
    const deleted = await query(
      `delete from waymark_events where project_key = $1 and (user_id = $2 or (user_id is null and anonymous_id = any($3::text[]))) returning id`,
      [projectKey, userId, devices],
    );
    const keys = subjects.map((s) => s.subject);
    if (own) {
      await forgetAchievements(query, projectKey, user, own.started_at);
      const times = await query(
        `select achieved_at from waymark_achievements where project_key = $1 and subject = $2`,
        [projectKey, user],
      );
      await movePace(
        query,
        projectKey,
        'user',
        new Date(own.started_at).getTime(),
        times.map((t) => new Date(t.achieved_at).getTime()),
        [],
      );
      await query(`update waymark_start_days set n = n - 1 where project_key = $1 and kind = 'user' and day = $2`, [
        projectKey,
        Math.floor(new Date(own.started_at).getTime() / DAY),
      ]);
    }
    await query(`delete from waymark_achievements where project_key = $1 and subject = any($2::text[])`, [
      projectKey,
      keys,
    ]);
    await query(`delete from waymark_subjects where project_key = $1 and subject = any($2::text[])`, [
      projectKey,
      keys,
    ]);
    await query(`delete from waymark_jobs where project_key = $1 and kind = 'verify' and key = any($2::text[])`, [
      projectKey,
      [...keys, user],
    ]);
    // The webhook log names the user (and its bodies carry the id): it goes too. A waiting delivery's job then finds nothing.
    await query(`delete from waymark_webhook_deliveries where project_key = $1 and user_id = $2`, [projectKey, userId]);
    // Emails made for them (address and content) and their digest's date; an unsubscribed address stays unsubscribed.
    await query(`delete from waymark_emails where project_key = $1 and user_id = $2`, [projectKey, userId]);
    await query(`delete from waymark_email_digests where project_key = $1 and user_id = $2`, [projectKey, userId]);
    const accountId = own?.account_id as string | undefined;
    if (accountId) {
      // The account's state counted this user's events: it starts again from the events that remain.
      const account = accountSubject(accountId);
      const [row] = await query(
        `select started_at from waymark_subjects where project_key = $1 and subject = $2 for update`,
        [projectKey, account],
      );
      if (row) await forgetAchievements(query, projectKey, account, row.started_at);
      await query(`delete from waymark_achievements where project_key = $1 and subject = $2`, [projectKey, account]);
      await query(
        `update waymark_subjects set doc = null, cursor_xid = null, cursor_id = null, events = 0, verified_events = 0, clamped = 0
         where project_key = $1 and subject = $2`,
        [projectKey, account],
      );
      await ctx.queue.enqueue({ query }, projectKey, 'verify', [account]);
      // Without the user, and without the account's own achievements until its verification records them again.
      await recomputeAccounts(query, projectKey, [accountId]);
    }
    return { deleted: deleted.length };
  });
  ctx.benchmarks.forget(projectKey);
  ctx.pace.forget(projectKey);
  ctx.worker.wake();
  return result;
}
