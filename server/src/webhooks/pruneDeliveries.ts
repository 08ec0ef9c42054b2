import type { Database } from '../db/types';
import { KEEP_DELIVERIES } from './retrySchedule';

/**
 * Deletes a project's finished deliveries (succeeded, failed, skipped) whose last attempt is older than 30 days of
 * wall time, with their attempts, so the log stays the size of a month. Run by the scheduled run; answers how many went.
 *
 * @example
 * await pruneDeliveries(db, 'pk_demo', Date.now()); // { pruned: 12 }
 */
export async function pruneDeliveries(db: Pick<Database, 'query'>, projectKey: string, now: number) {
  const gone = await db.query(
    `delete from waymark_webhook_deliveries
     where project_key = $1 and status <> 'pending' and coalesce(last_attempt_at, created_at) < to_timestamp($2::float8 / 1000)
       and manual_requested_at is null
     returning id`,
    [projectKey, now - KEEP_DELIVERIES],
  );
  return { pruned: gone.length };
}
