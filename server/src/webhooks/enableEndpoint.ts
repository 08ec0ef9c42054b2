import type { Database } from '../db/types';

/**
 * Enables a disabled endpoint again (its failures forgotten): new notifications go to it. What failed or was skipped
 * while it was disabled stays so; retry those by hand.
 *
 * @example
 * await enableEndpoint(db, 'pk_demo', 'ep_0123456789abcdef');
 */
export async function enableEndpoint(db: Pick<Database, 'query'>, projectKey: string, endpointId: string) {
  await db.query(
    `update waymark_webhook_endpoints set disabled_at = null, disabled_reason = null, failing_since = null
     where project_key = $1 and endpoint_id = $2`,
    [projectKey, endpointId],
  );
}
