import type { Database } from '../db/types';
import type { Queue } from '../queue/createQueue';
import { jobKey } from './jobKey';

/**
 * Asks for one more attempt of a delivery, now, with the same `webhook-id` (any status: a failed one, a skipped one,
 * or a delivered one sent again). The attempt runs in the outbound lane like any other; it does not move the
 * automatic schedule, and one that succeeds enables a disabled endpoint again. Answers false when the project has no
 * such delivery.
 *
 * @example
 * if (!(await retryDelivery(db, queue, 'pk_demo', 42, Date.now()))) throw new HttpError(404, 'id: no such delivery');
 */
export async function retryDelivery(
  db: Database,
  queue: Queue,
  projectKey: string,
  id: number,
  now: number,
): Promise<boolean> {
  return db.transaction(async (query) => {
    const found = await query<{ endpoint_id: string }>(
      `update waymark_webhook_deliveries set manual_requested_at = to_timestamp($3::float8 / 1000)
       where project_key = $1 and id = $2::bigint returning endpoint_id`,
      [projectKey, String(id), now],
    );
    if (!found.length) return false;
    await queue.enqueue({ query }, projectKey, 'webhook', [jobKey(found[0].endpoint_id, id)]);
    return true;
  });
}
