import type { ServerContext } from '../context';
import { accountSubject, idOf, kindOf } from '../verify/subjects';
import type { TriggerFiring } from './dashboardTypes';

/**
 * The triggers that fired for one account, the latest 50: its own (account scope) and its users' (user scope).
 *
 * @example
 * await readAccountFirings(ctx, 'pk_demo', 'acct_9'); // [{ triggerId: 'check-in', firedAt: 1764…, accountId: 'acct_9' }]
 */
export async function readAccountFirings(
  ctx: ServerContext,
  projectKey: string,
  accountId: string,
): Promise<TriggerFiring[]> {
  const rows = await ctx.db.query(
    // Joined from the account's subjects, each one look-up by subject (migration 8): 55 ms at 300k firings as
    // "subject = $2 or subject in (…)", which read them all, 0.3 ms so.
    `select f.trigger_id, f.subject, f.fired_at
     from (select subject from waymark_subjects where project_key = $1 and kind = 'user' and account_id = $3
           union all select $2::text) m
     join waymark_trigger_fires f on f.project_key = $1 and f.subject = m.subject
     order by f.fired_at desc limit 50`,
    [projectKey, accountSubject(accountId), accountId],
  );
  return rows.map((r) => ({
    triggerId: r.trigger_id,
    firedAt: new Date(r.fired_at).getTime(),
    ...(kindOf(r.subject) === 'user' ? { userId: idOf(r.subject) } : { accountId: idOf(r.subject) }),
  }));
}
