import type { Delivery, Endpoint, TriggerSummary } from '../dashboardTypes';
import { type DeliveriesQuery, deliveriesHref } from '../deliveriesQuery';
import { count, dateTime } from '../format';
import { Layout } from './Layout';

/** What a delivery is about, from its payload: the trigger that fired, the level completed or the milestone. */
const about = (d: Delivery): string | undefined => {
  const data = (d.payload as { data?: { triggerId?: string; levelId?: string; milestoneId?: string } } | null)?.data;
  return data?.triggerId ?? data?.levelId ?? data?.milestoneId;
};

const FILTERS: [Delivery['status'] | undefined, string][] = [
  [undefined, 'All'],
  ['failed', 'Failed'],
  ['pending', 'Pending'],
  ['skipped', 'Skipped'],
  ['succeeded', 'Succeeded'],
];

/** A delivery that did not succeed can be sent again now. */
const retryable = (d: Delivery) => d.status !== 'succeeded';

/** The last attempt's answer: `HTTP 500`, `timed out after 15 s`, or why nothing was tried. */
const lastAnswer = (d: Delivery) => {
  const last = d.attempts.at(-1);
  if (!last) return d.note ?? 'not tried yet';
  return last.status ? `HTTP ${last.status}` : (last.error ?? '–');
};

/** The retry button: a POST with the CSRF token, back to this page. */
export const RetryButton = ({ delivery, csrf, back }: { delivery: Delivery; csrf: string; back: string }) => (
  <form method="post" action={`/dashboard/webhooks/deliveries/${encodeURIComponent(delivery.id)}/retry`} class="inline">
    <input type="hidden" name="_csrf" value={csrf} />
    <input type="hidden" name="back" value={back} />
    <button type="submit" class="quiet small" aria-label={`Retry delivery ${delivery.id}`}>
      Retry
    </button>
  </form>
);

/** The delivery log as a table, shared by this page and the account page. */
export const DeliveryTable = ({ deliveries, csrf, back }: { deliveries: Delivery[]; csrf: string; back: string }) => (
  <section class="scroll" tabIndex={0} aria-label="Deliveries table">
    <table class="deliveries">
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Endpoint</th>
          <th scope="col">Status</th>
          <th scope="col" class="num">
            Attempts
          </th>
          <th scope="col">Last attempt</th>
          <th scope="col">Response</th>
          <th scope="col">
            <span class="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => {
          const subject = about(d);
          return (
            <tr>
              <td>
                {d.type}
                {subject && <span class="muted"> · {subject}</span>}
                {(d.accountId || d.userId) && (
                  <div class="small muted">
                    {d.accountId && (
                      <a href={`/dashboard/accounts/${encodeURIComponent(d.accountId)}`}>{d.accountId}</a>
                    )}
                    {d.accountId && d.userId && ' · '}
                    {d.userId}
                  </div>
                )}
              </td>
              <td class="url">{d.url ?? <span class="muted">(endpoint removed)</span>}</td>
              <td>
                <span class={`pill ${d.status}`}>{d.status}</span>
                {d.nextAttemptAt && d.status === 'pending' && (
                  <div class="small muted">next {dateTime(Date.parse(d.nextAttemptAt))}</div>
                )}
              </td>
              <td class="num">{count(d.attempts.length)}</td>
              <td>{dateTime(d.attempts.length ? Date.parse(d.attempts.at(-1)!.at) : undefined)}</td>
              <td class="small">{lastAnswer(d)}</td>
              <td>{retryable(d) && <RetryButton delivery={d} csrf={csrf} back={back} />}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  </section>
);

/** Below the log: back to the newest deliveries, and on to older ones while there are any. */
const Pager = ({ query, next }: { query: DeliveriesQuery; next?: number }) => (
  <nav class="pager" aria-label="Delivery pages">
    {query.before ? (
      <a class="button quiet" href={deliveriesHref(query, { before: undefined })}>
        Newest
      </a>
    ) : (
      <span class="button quiet disabled" aria-disabled="true">
        Newest
      </span>
    )}
    {next ? (
      <a class="button quiet" href={deliveriesHref(query, { before: next })} rel="next">
        Older
      </a>
    ) : (
      <span class="button quiet disabled" aria-disabled="true">
        Older
      </span>
    )}
  </nav>
);

/**
 * Webhooks and triggers: the configured endpoints (a disabled one says why), each trigger with how often and when it
 * last fired, and the delivery log (by status, for one account, a page at a time) with a retry button.
 */
export function WebhooksPage(props: {
  projectKey: string;
  csrf: string;
  query: DeliveriesQuery;
  endpoints: Endpoint[];
  deliveries: Delivery[];
  /** The `before` of the next (older) page; absent on the last. */
  next?: number;
  triggers: TriggerSummary[];
  notice?: string;
}) {
  const { query } = props;
  const back = deliveriesHref(query, {});
  return (
    <Layout title="Webhooks" projectKey={props.projectKey} section="webhooks" csrf={props.csrf}>
      <div class="page-head">
        <h1>Webhooks and triggers</h1>
      </div>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <section class="card" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">Endpoints</h2>
        {props.endpoints.length ? (
          <ul class="endpoints">
            {props.endpoints.map((e) => (
              <li>
                <span class="url">{e.url}</span>
                <span class={`pill ${e.status}`}>{e.status}</span>
                <span class="small muted">
                  {e.events.includes('*') ? 'every event' : e.events.join(', ')} · {count(e.deliveries.succeeded)}{' '}
                  succeeded, {count(e.deliveries.failed)} failed, {count(e.deliveries.pending)} pending
                </span>
                {e.status === 'failing' && e.failingSince && (
                  <span class="small bad">failing since {dateTime(Date.parse(e.failingSince))}</span>
                )}
                {e.disabledReason && <span class="small bad">{e.disabledReason}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">No webhook endpoint is configured for this project (webhooks in its config).</p>
        )}
      </section>
      {/* The playbooks first: what fired and when is what a CS reader comes for; the log of each delivery after. */}
      <section class="card" aria-labelledby="triggers-title">
        <h2 id="triggers-title">Triggers</h2>
        {props.triggers.length ? (
          <section class="scroll" tabIndex={0} aria-label="Triggers table">
            <table>
              <thead>
                <tr>
                  <th scope="col">Trigger</th>
                  <th scope="col">Scope</th>
                  <th scope="col">When</th>
                  <th scope="col" class="num">
                    Fired
                  </th>
                  <th scope="col">Last fired</th>
                </tr>
              </thead>
              <tbody>
                {props.triggers.map((t) => (
                  <tr>
                    <th scope="row">{t.id}</th>
                    <td>{t.scope}</td>
                    <td class="small">{t.when}</td>
                    <td class="num">{count(t.fired)}</td>
                    <td>{t.lastFiredAt ? dateTime(t.lastFiredAt) : <span class="muted">never</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : (
          <p class="empty">No trigger is configured for this project (triggers in its config).</p>
        )}
      </section>
      <section class="card" aria-labelledby="deliveries-title">
        <div class="card-head">
          <h2 id="deliveries-title">
            Deliveries
            {query.accountId && (
              <span class="muted">
                {' '}
                for <a href={`/dashboard/accounts/${encodeURIComponent(query.accountId)}`}>{query.accountId}</a>
              </span>
            )}
          </h2>
          <nav class="segmented" aria-label="Delivery status">
            {FILTERS.map(([value, label]) => (
              <a
                href={deliveriesHref(query, { status: value, before: undefined })}
                aria-current={query.status === value ? 'true' : undefined}
              >
                {label}
              </a>
            ))}
          </nav>
        </div>
        {query.accountId && (
          <p class="small">
            <a href={deliveriesHref(query, { accountId: undefined, before: undefined })}>Every account's deliveries</a>
          </p>
        )}
        {props.deliveries.length ? (
          <DeliveryTable deliveries={props.deliveries} csrf={props.csrf} back={back} />
        ) : (
          <p class="empty">
            {query.before ? 'No older delivery' : `No delivery${query.status ? ' with this status' : ' yet'}`}
            {query.accountId ? ' for this account' : ''}.
          </p>
        )}
        {(query.before || props.next) && <Pager query={query} next={props.next} />}
      </section>
    </Layout>
  );
}
