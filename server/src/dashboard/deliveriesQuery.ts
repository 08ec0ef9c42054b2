import { stringProblem } from '../ingest/checkValue';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../webhooks/listDeliveries';

/** Deliveries on one page of the Webhooks page. */
export const DELIVERIES_PAGE = 100;

/** The Webhooks page's delivery log state: a status, one account's deliveries, and the page (`before` an id). */
export interface DeliveriesQuery {
  status?: DeliveryStatus;
  accountId?: string;
  /** Deliveries older than this id: the `next` of the page before. */
  before?: number;
}

/**
 * The delivery log's state from the Webhooks page's URL (`?status=failed&accountId=acct_9&before=1234`). Links make
 * these URLs, so an unknown value falls back to the default (all, every account, the newest) rather than failing.
 *
 * @example
 * readDeliveriesQuery({ status: 'failed', before: '1234' }); // { status: 'failed', before: 1234 }
 */
export function readDeliveriesQuery(raw: Record<string, unknown>): DeliveriesQuery {
  const status = DELIVERY_STATUSES.find((s) => s === raw.status);
  const accountId =
    typeof raw.accountId === 'string' && raw.accountId.length <= 200 && raw.accountId && !stringProblem(raw.accountId)
      ? raw.accountId
      : undefined;
  const before =
    typeof raw.before === 'string' && /^[1-9][0-9]{0,14}$/.test(raw.before) ? Number(raw.before) : undefined;
  return { ...(status && { status }), ...(accountId && { accountId }), ...(before && { before }) };
}

/**
 * The Webhooks page's URL with some of the log's state changed; a new status or account starts at the newest.
 *
 * @example
 * deliveriesHref({ status: 'failed' }, { before: 1234 }); // '/dashboard/webhooks?status=failed&before=1234'
 */
export function deliveriesHref(query: DeliveriesQuery, change: Partial<DeliveriesQuery>): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.status) params.set('status', next.status);
  if (next.accountId) params.set('accountId', next.accountId);
  if (next.before) params.set('before', String(next.before));
  const search = params.toString();
  return `/dashboard/webhooks${search ? `?${search}` : ''}`;
}
