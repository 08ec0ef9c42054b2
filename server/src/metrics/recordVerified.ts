import { recordAccountStats } from '../accounts/recordAccountStats';
import type { Query } from '../db/types';
import type { Pace } from '../overall/createPace';
import { recordPace } from '../overall/recordPace';
import type { Verified } from '../verify/verifySubject';

/**
 * What metrics keep as achievements are recorded, in the verification's transaction: the accounts' statistics and
 * users' pace (for `overall`). Nothing here reads a project's events.
 *
 * @example
 * ctx.afterVerify = async (query, v) => { await recordVerified(ctx.pace, query, v); await publishVerified(notifier, query, v); };
 */
export async function recordVerified(pace: Pace, query: Query, v: Verified) {
  await recordAccountStats(query, v);
  if (v.kind === 'user' && v.achieved.length) {
    await recordPace(
      query,
      v.projectKey,
      v.subject,
      v.achieved.map((a) => a.id),
    );
    pace.forget(v.projectKey);
  }
}
