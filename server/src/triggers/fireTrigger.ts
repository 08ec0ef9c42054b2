import type { Query } from '../db/types';
import type { Notifier } from '../notify/createNotifier';
import { idOf, kindOf } from '../verify/subjects';
import type { Trigger } from './readTriggers';

/** Who fired: a subject key (`u:…` or `c:…`) and, for a user, their account. */
export interface TriggerSubject {
  subject: string;
  accountId?: string | null;
}

/**
 * Fires a trigger for one subject and condition period, once: the firing is recorded (`waymark_trigger_fires`,
 * unique per trigger, subject and period) and, only when it is new, `trigger.fired` is published in the same
 * transaction, so a run repeated after a crash, or two processes evaluating at once, fire it once. Answers whether
 * it fired now.
 *
 * @example
 * await fireTrigger(notifier, query, 'pk_demo', trigger, { subject: 'c:acct_9' }, 'total', Date.now());
 */
export async function fireTrigger(
  notifier: Notifier,
  query: Query,
  projectKey: string,
  trigger: Trigger,
  who: TriggerSubject,
  period: string,
  at: number,
) {
  const inserted = await query(
    `insert into waymark_trigger_fires (project_key, trigger_id, subject, period, fired_at) values ($1, $2, $3, $4, $5)
     on conflict do nothing returning 1`,
    [projectKey, trigger.id, who.subject, period, new Date(at).toISOString()],
  );
  if (!inserted.length) return false;
  const user = kindOf(who.subject) === 'user';
  const accountId = user ? (who.accountId ?? undefined) : idOf(who.subject);
  await notifier.publish(query, {
    type: 'trigger.fired',
    projectKey,
    at,
    ...(user && { userId: idOf(who.subject) }),
    ...(accountId && { accountId }),
    triggerId: trigger.id,
    key: `trigger.fired:${trigger.id}:${who.subject}:${period}`,
  });
  return true;
}
