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
    `select trigger_id, subject, fired_at from waymark_trigger_fires
     where project_key = $1 and (subject = $2 or subject in (
       select subject from waymark_subjects where project_key = $1 and kind = 'user' and account_id = $3))
     order by fired_at desc limit 50`,
    [projectKey, accountSubject(accountId), accountId],
  );
  return rows.map((r) => ({
    triggerId: r.trigger_id,
    firedAt: new Date(r.fired_at).getTime(),
    ...(kindOf(r.subject) === 'user' ? { userId: idOf(r.subject) } : { accountId: idOf(r.subject) }),
  }));
}
