import type { Query } from '../db/types';
import { idOf } from '../verify/subjects';
import type { Verified } from '../verify/verifySubject';
import type { Notifier } from './createNotifier';

/**
 * Turns what a verification run found into notifications: each milestone newly achieved, level newly completed and
 * milestone newly overdue, for a user (with their account) or an account. Anonymous devices are not announced:
 * nobody outside can act on them, and their progress is announced when they become a user.
 *
 * @example
 * ctx.afterVerify = (query, verified) => publishVerified(notifier, query, verified);
 */
export async function publishVerified(notifier: Notifier, query: Query, v: Verified) {
  if (v.kind === 'anonymous') return;
  const who =
    v.kind === 'user'
      ? { userId: idOf(v.subject), ...(v.accountId && { accountId: v.accountId }) }
      : { accountId: idOf(v.subject) };
  const base = { projectKey: v.projectKey, ...who };
  for (const a of v.achieved)
    await notifier.publish(query, {
      ...base,
      type: 'milestone.achieved',
      at: a.at,
      milestoneId: a.id,
      key: `milestone.achieved:${v.subject}:${a.id}`,
    });
  for (const l of v.levels)
    await notifier.publish(query, {
      ...base,
      type: 'level.completed',
      at: l.at,
      levelId: l.id,
      key: `level.completed:${v.subject}:${l.id}`,
    });
  for (const id of v.overdue)
    await notifier.publish(query, {
      ...base,
      type: 'milestone.overdue',
      at: v.at,
      milestoneId: id,
      key: `milestone.overdue:${v.subject}:${id}`,
    });
}
