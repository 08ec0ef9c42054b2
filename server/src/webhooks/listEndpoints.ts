import type { Database } from '../db/types';
import type { WebhookEndpoint } from './readWebhooks';

/** A configured endpoint and how it is doing. */
export interface EndpointView {
  id: string;
  url: string;
  events: string[];
  /** `failing`: its last attempt failed; `disabled`: every attempt failed for 5 days, so nothing is sent to it. */
  status: 'active' | 'failing' | 'disabled';
  failingSince?: string;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  disabledAt?: string;
  disabledReason?: string;
  /** Deliveries by status. */
  deliveries: { pending: number; succeeded: number; failed: number; skipped: number };
}

const iso = (d: Date | string | null | undefined) =>
  d === null || d === undefined ? undefined : new Date(d).toISOString();

/**
 * The project's configured endpoints with their health (failing since, disabled and why) and their deliveries by
 * status.
 *
 * @example
 * const endpoints = await listEndpoints(db, 'pk_demo', project.webhooks);
 */
export async function listEndpoints(
  db: Pick<Database, 'query'>,
  projectKey: string,
  endpoints: WebhookEndpoint[],
): Promise<EndpointView[]> {
  if (!endpoints.length) return [];
  const ids = endpoints.map((e) => e.id);
  const [health, counts] = [
    await db.query(`select * from waymark_webhook_endpoints where project_key = $1 and endpoint_id = any($2::text[])`, [
      projectKey,
      ids,
    ]),
    await db.query(
      `select endpoint_id, status, count(*)::int as n from waymark_webhook_deliveries
       where project_key = $1 and endpoint_id = any($2::text[]) group by endpoint_id, status`,
      [projectKey, ids],
    ),
  ];
  return endpoints.map((e) => {
    const h = health.find((r) => r.endpoint_id === e.id);
    const count = (status: string) => counts.find((c) => c.endpoint_id === e.id && c.status === status)?.n ?? 0;
    const status = h?.disabled_at ? 'disabled' : h?.failing_since ? 'failing' : 'active';
    return {
      id: e.id,
      url: e.url,
      events: e.events,
      status,
      ...(h?.failing_since && { failingSince: iso(h.failing_since) }),
      ...(h?.last_success_at && { lastSuccessAt: iso(h.last_success_at) }),
      ...(h?.last_failure_at && { lastFailureAt: iso(h.last_failure_at) }),
      ...(h?.disabled_at && { disabledAt: iso(h.disabled_at), disabledReason: h.disabled_reason }),
      deliveries: {
        pending: count('pending'),
        succeeded: count('succeeded'),
        failed: count('failed'),
        skipped: count('skipped'),
      },
    };
  });
}
