import type { Database } from '../db/types';
import type { WebhookEndpoint } from './readWebhooks';

/** How a delivery stands: waiting for an attempt (or a retry), delivered, given up on, or never tried (endpoint disabled). */
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'skipped';
export const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'succeeded', 'failed', 'skipped'];

/** One attempt in the delivery log. */
export interface AttemptView {
  n: number;
  at: string;
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** Why there was no answer (refused address, connection, timeout). */
  error?: string;
  durationMs: number;
  /** A retry asked for through the admin API. */
  manual?: true;
}

/** One delivery (one notification to one endpoint) as the admin API shows it. */
export interface DeliveryView {
  id: number;
  /** The `webhook-id` header: the same on every attempt. */
  webhookId: string;
  endpointId: string;
  /** Absent when the endpoint is no longer configured. */
  url?: string;
  type: string;
  status: DeliveryStatus;
  userId?: string;
  accountId?: string;
  createdAt: string;
  nextAttemptAt?: string;
  retryRequested?: true;
  /** Why it failed or was skipped, when no attempt says it (given up, endpoint disabled or removed). */
  note?: string;
  attempts: AttemptView[];
  /** The body that is sent. */
  payload: unknown;
}

/** The filters `GET /v1/admin/webhooks/deliveries` takes. */
export interface DeliveryFilter {
  status?: DeliveryStatus;
  endpointId?: string;
  accountId?: string;
  userId?: string;
  type?: string;
  id?: number;
  /** Deliveries with a smaller id than this (the `next` of the page before). */
  before?: number;
  /** Default 50. */
  limit?: number;
}

const iso = (d: Date | string | null | undefined) =>
  d === null || d === undefined ? undefined : new Date(d).toISOString();

/**
 * A page of a project's delivery log, newest first, each delivery with every attempt. `next` is the `before` of the
 * next page (absent on the last one).
 *
 * @example
 * const page = await listDeliveries(db, 'pk_demo', endpoints, { accountId: 'acct_9', limit: 50 });
 */
export async function listDeliveries(
  db: Pick<Database, 'query'>,
  projectKey: string,
  endpoints: WebhookEndpoint[],
  f: DeliveryFilter = {},
): Promise<{ deliveries: DeliveryView[]; next?: string }> {
  const limit = f.limit ?? 50;
  const rows = await db.query(
    `select id, endpoint_id, message_id, type, user_id, account_id, body, status, created_at, next_attempt_at, manual_requested_at, note
     from waymark_webhook_deliveries
     where project_key = $1 and ($2::text is null or status = $2) and ($3::text is null or endpoint_id = $3)
       and ($4::text is null or account_id = $4) and ($5::text is null or user_id = $5) and ($6::text is null or type = $6)
       and ($7::bigint is null or id < $7) and ($8::bigint is null or id = $8)
     order by id desc limit $9`,
    [
      projectKey,
      f.status ?? null,
      f.endpointId ?? null,
      f.accountId ?? null,
      f.userId ?? null,
      f.type ?? null,
      f.before ?? null,
      f.id ?? null,
      limit + 1,
    ],
  );
  const page = rows.slice(0, limit);
  const attempts = page.length
    ? await db.query(
        `select delivery_id, n, at, status, error, duration_ms, manual from waymark_webhook_attempts
         where delivery_id = any($1::bigint[]) order by delivery_id, n`,
        [page.map((r) => String(r.id))],
      )
    : [];
  const byDelivery = new Map<number, AttemptView[]>();
  for (const a of attempts) {
    const list = byDelivery.get(Number(a.delivery_id)) ?? [];
    list.push({
      n: a.n,
      at: iso(a.at)!,
      ...(a.status !== null && { status: a.status }),
      ...(a.error !== null && { error: a.error }),
      durationMs: a.duration_ms,
      ...(a.manual && { manual: true as const }),
    });
    byDelivery.set(Number(a.delivery_id), list);
  }
  const urls = new Map(endpoints.map((e) => [e.id, e.url]));
  const deliveries: DeliveryView[] = page.map((r) => ({
    id: Number(r.id),
    webhookId: r.message_id,
    endpointId: r.endpoint_id,
    ...(urls.has(r.endpoint_id) && { url: urls.get(r.endpoint_id) }),
    type: r.type,
    status: r.status,
    ...(r.user_id !== null && { userId: r.user_id }),
    ...(r.account_id !== null && { accountId: r.account_id }),
    createdAt: iso(r.created_at)!,
    ...(r.next_attempt_at !== null && { nextAttemptAt: iso(r.next_attempt_at) }),
    ...(r.manual_requested_at !== null && { retryRequested: true as const }),
    ...(r.note !== null && { note: r.note }),
    attempts: byDelivery.get(Number(r.id)) ?? [],
    payload: JSON.parse(r.body),
  }));
  return { deliveries, ...(rows.length > limit && { next: String(deliveries[deliveries.length - 1].id) }) };
}
