import type { Query } from '../db/types';
import { idOf } from '../verify/subjects';
import type { Verified } from '../verify/verifySubject';
import { recomputeAccounts } from './recomputeAccounts';

/**
 * Keeps `waymark_account_stats` as verification records achievements, in its transaction: new achievements of a user
 * (or of an account's own milestones) are added to the account's row; a user who joined or moved has both accounts
 * rebuilt (recomputeAccounts). So the accounts list reads one row per account, whatever the number of events.
 *
 * @example
 * ctx.afterVerify = async (query, verified) => { await recordAccountStats(query, verified); };
 */
export async function recordAccountStats(query: Query, v: Verified) {
  if (v.kind === 'anonymous') return;
  if (v.kind === 'user' && v.leftAccount !== undefined) {
    await recomputeAccounts(
      query,
      v.projectKey,
      [v.leftAccount, v.accountId].filter((id): id is string => !!id),
    );
    return;
  }
  const accountId = v.kind === 'account' ? idOf(v.subject) : v.accountId;
  if (!accountId || !v.achieved.length) return;
  const times = v.achieved.map((a) => a.at).sort((a, b) => a - b);
  const updated = await query(
    `update waymark_account_stats set achieved = achieved + $3, times = times || $4::float8[],
       milestones = array(select distinct m from unnest(milestones || $5::text[]) as m order by m),
       last_achieved_at = greatest(last_achieved_at, $6::timestamptz)
     where project_key = $1 and account_id = $2 returning 1`,
    [v.projectKey, accountId, times.length, times, v.achieved.map((a) => a.id), new Date(times.at(-1)!).toISOString()],
  );
  // No row yet (an account's own milestone before any of its users was verified): count it from scratch.
  if (!updated.length) await recomputeAccounts(query, v.projectKey, [accountId]);
}
