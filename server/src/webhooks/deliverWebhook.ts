import { Webhook } from 'standardwebhooks';
import type { Query } from '../db/types';
import { DAY } from '../timeUnits';
import { readJobKey } from './jobKey';
import { type AttemptResult, postWebhook } from './postWebhook';
import type { WebhookEndpoint } from './readWebhooks';
import { DISABLE_AFTER, nextRetryDelay, span } from './retrySchedule';
import type { EndpointSlot, WebhookDeps } from './webhookDeps';

// An endpoint not known to be fast may hold at most half of the outbound lane's 8 slots: a receiver that hangs slows
// only itself. One that answers within 5 s may use the whole lane (the cap would only make its backlog churn through
// the queue; on a busy machine, or beside PGlite in the same process, even a local receiver can take a second).
const PER_ENDPOINT = 4;
const FAST = 5000;

interface DeliveryRow {
  id: string | number;
  endpoint_id: string;
  message_id: string;
  body: string;
  status: string;
  attempts: number;
  next_attempt_at: Date | string | null;
  created_at: Date | string;
  disabled_at: Date | string | null;
  manual: boolean;
}

const time = (d: Date | string) => new Date(d).getTime();
const seconds = (ms: number) => ms / 1000;
const days = (ms: number) => Math.round(ms / DAY);

/** The three Standard Webhooks headers (and the usual two) for one attempt at wall time `now`. */
const headersFor = (endpoint: WebhookEndpoint, d: DeliveryRow, now: number) => ({
  'content-type': 'application/json',
  'user-agent': 'waymark-server',
  'webhook-id': d.message_id,
  'webhook-timestamp': String(Math.floor(now / 1000)),
  'webhook-signature': new Webhook(endpoint.secret).sign(d.message_id, new Date(now), d.body),
});

/** A delivery that will never be attempted again automatically, and why. */
const close = (deps: WebhookDeps, d: DeliveryRow, note: string) =>
  deps.db.query(
    `update waymark_webhook_deliveries set status = case when status = 'pending' then 'failed' else status end, note = $2, next_attempt_at = null
     where id = $1`,
    [d.id, note],
  );

/** The endpoint's record after an attempt: healthy again on a success; failing since the first failure otherwise. */
const noteEndpoint = async (query: Query, projectKey: string, endpointId: string, ok: boolean, at: number) => {
  if (ok) {
    // A healthy endpoint's row is written at most once a minute, not on every delivery.
    await query(
      `insert into waymark_webhook_endpoints as e (project_key, endpoint_id, last_success_at) values ($1, $2, to_timestamp($3::float8))
       on conflict (project_key, endpoint_id) do update
         set failing_since = null, disabled_at = null, disabled_reason = null, last_success_at = excluded.last_success_at
         where e.failing_since is not null or e.disabled_at is not null or e.last_success_at is null
           or e.last_success_at < excluded.last_success_at - interval '1 minute'`,
      [projectKey, endpointId, seconds(at)],
    );
    return undefined;
  }
  const [row] = await query<{ failing_since: Date | string; disabled_at: Date | string | null }>(
    `insert into waymark_webhook_endpoints (project_key, endpoint_id, failing_since, last_failure_at)
     values ($1, $2, to_timestamp($3::float8), to_timestamp($3::float8))
     on conflict (project_key, endpoint_id) do update
       set failing_since = coalesce(waymark_webhook_endpoints.failing_since, excluded.failing_since), last_failure_at = excluded.last_failure_at
     returning failing_since, disabled_at`,
    [projectKey, endpointId, seconds(at)],
  );
  if (row.disabled_at || at - time(row.failing_since) < DISABLE_AFTER) return undefined;
  const since = new Date(row.failing_since).toISOString();
  const reason = `every attempt failed for ${days(at - time(row.failing_since))} days (since ${since})`;
  await query(
    `update waymark_webhook_endpoints set disabled_at = to_timestamp($3::float8), disabled_reason = $4 where project_key = $1 and endpoint_id = $2`,
    [projectKey, endpointId, seconds(at), reason],
  );
  await query(
    `update waymark_webhook_deliveries set status = 'failed', next_attempt_at = null, note = 'the endpoint was disabled'
     where project_key = $1 and endpoint_id = $2 and status = 'pending'`,
    [projectKey, endpointId],
  );
  return { since, reason };
};

/** Stores an attempt and what follows from it; answers the wait until the next automatic attempt, if there is one. */
const record = async (
  deps: WebhookDeps,
  projectKey: string,
  d: DeliveryRow,
  endpoint: WebhookEndpoint,
  started: number,
  result: AttemptResult,
) => {
  const ended = deps.clock();
  const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
  const attempts = d.manual ? d.attempts : d.attempts + 1;
  const delay = nextRetryDelay(attempts, deps.retryDelays);
  let status = d.status;
  let next = d.next_attempt_at === null ? null : time(d.next_attempt_at);
  let note: string | null = null;
  if (ok) {
    status = 'succeeded';
    next = null;
  } else if (d.manual) {
    // A manual attempt is one more try: it does not move the schedule, and what was never attempted has now failed.
    if (status === 'skipped') status = 'failed';
  } else if (delay === undefined) {
    status = 'failed';
    next = null;
    note = `gave up after ${attempts} attempts over ${span(ended - time(d.created_at))}`;
  } else next = ended + delay;
  const disabled = await deps.db.transaction(async (query) => {
    await query(
      `insert into waymark_webhook_attempts (delivery_id, n, at, status, error, duration_ms, manual)
       select $1, coalesce(max(n), 0) + 1, to_timestamp($2::float8), $3, $4, $5, $6 from waymark_webhook_attempts where delivery_id = $1`,
      [d.id, seconds(started), result.status ?? null, result.error?.slice(0, 500) ?? null, result.durationMs, d.manual],
    );
    await query(
      `update waymark_webhook_deliveries set status = $2, attempts = $3, next_attempt_at = to_timestamp($4::float8), last_attempt_at = to_timestamp($5::float8),
         note = coalesce($6::text, case when $2 = 'succeeded' then null else note end)
       where id = $1`,
      [d.id, status, attempts, next === null ? null : seconds(next), seconds(started), note],
    );
    return noteEndpoint(query, projectKey, endpoint.id, ok, ended);
  });
  const where = {
    project: projectKey,
    endpoint: endpoint.id,
    host: new URL(endpoint.url).host,
    delivery: Number(d.id),
  };
  const outcome = result.status ?? result.error;
  if (disabled)
    deps.log.error(
      { ...where, failingSince: disabled.since },
      `webhook endpoint disabled: ${disabled.reason}; retry a delivery by hand to enable it again`,
    );
  else if (ok && d.manual && d.disabled_at)
    deps.log.warn(where, 'webhook endpoint enabled again: a manual retry succeeded');
  if (ok) deps.log.debug({ ...where, status: result.status, ms: result.durationMs }, 'webhook delivered');
  else if (status === 'failed' && !d.manual)
    deps.log.warn({ ...where, outcome, attempts }, 'webhook delivery failed for good: no attempt left');
  else deps.log.info({ ...where, outcome, attempt: attempts, manual: d.manual }, 'webhook attempt failed; will retry');
  if (status !== 'pending' || next === null || disabled) return undefined;
  return Math.max(0, next - deps.clock());
};

const endpointSlot = (deps: WebhookDeps, projectKey: string, endpointId: string) => {
  const key = `${projectKey}\u0000${endpointId}`;
  let slot = deps.inFlight.get(key);
  if (!slot) {
    slot = { running: new Map() };
    deps.inFlight.set(key, slot);
  }
  return slot;
};

/** How long the endpoint's attempts take: the longest running one or the typical one; unknown (infinite) before the first. */
const expectedMs = (slot: EndpointSlot) =>
  slot.typicalMs === undefined
    ? Infinity
    : Math.max(slot.typicalMs, performance.now() - Math.min(...slot.running.values()));

/**
 * How long a delivery waits when its endpoint already has its share of the lane: about as long as its attempts take
 * (a second before the first one ended), between 50 ms and 5 s, jittered, so a receiver that hangs is not asked about
 * every few milliseconds.
 */
const busyWait = (slot: EndpointSlot) => {
  const oldest = performance.now() - Math.min(...slot.running.values());
  const expected = Math.max(slot.typicalMs ?? 1000, oldest);
  return Math.round(Math.min(5000, Math.max(50, expected)) * (1 + Math.random()));
};

/**
 * Runs one delivery's job: makes the attempt that is due (or the manual retry that was asked for), signed at the wall
 * time of the attempt with the same `webhook-id` as every other attempt, records it, and answers the wait until the
 * next automatic attempt (undefined: nothing more to do). A 2xx within 15 s is success; anything else is retried on
 * the schedule (`RETRY_DELAYS`), then the delivery has failed. An endpoint whose every attempt failed for 5 days is
 * disabled: its pending deliveries fail, new ones are `skipped`, and a manual retry that succeeds enables it again.
 *
 * @example
 * ctx.jobs.webhook = (job) => deliverWebhook(deps, job.projectKey, job.key); // key: 'ep_…:42' (jobKey)
 */
export async function deliverWebhook(deps: WebhookDeps, projectKey: string, key: string): Promise<number | undefined> {
  const { endpointId, deliveryId } = readJobKey(key);
  // Busy is told before any statement: a backlog waiting for its endpoint costs the queue, not the database's reads.
  const slot = endpointSlot(deps, projectKey, endpointId);
  if (slot.running.size >= PER_ENDPOINT && expectedMs(slot) > FAST) return busyWait(slot);
  // A manual retry asked for is taken here, once: one asked for while this runs makes the job run again after.
  const [d] = await deps.db.query<DeliveryRow>(
    `with manual as (
       update waymark_webhook_deliveries set manual_requested_at = null
       where project_key = $1 and id = $2::bigint and manual_requested_at is not null returning id)
     select d.id, d.endpoint_id, d.message_id, d.body, d.status, d.attempts, d.next_attempt_at, d.created_at, e.disabled_at,
       exists (select 1 from manual) as manual
     from waymark_webhook_deliveries d
     left join waymark_webhook_endpoints e on e.project_key = d.project_key and e.endpoint_id = d.endpoint_id
     where d.project_key = $1 and d.id = $2::bigint`,
    [projectKey, deliveryId],
  );
  if (!d || (!d.manual && d.status !== 'pending')) return undefined;
  const endpoint = deps.endpointsOf(projectKey).find((e) => e.id === d.endpoint_id);
  if (!endpoint) return void (await close(deps, d, 'the endpoint is no longer in the configuration'));
  if (!d.manual && d.disabled_at) return void (await close(deps, d, 'the endpoint was disabled'));
  const now = deps.clock();
  if (!d.manual && d.next_attempt_at !== null && time(d.next_attempt_at) > now) return time(d.next_attempt_at) - now;
  const attempt = {};
  slot.running.set(attempt, performance.now());
  let result: AttemptResult;
  try {
    result = await postWebhook(endpoint.url, d.body, headersFor(endpoint, d, now), deps);
  } finally {
    slot.running.delete(attempt);
  }
  slot.typicalMs = slot.typicalMs === undefined ? result.durationMs : 0.7 * slot.typicalMs + 0.3 * result.durationMs;
  return record(deps, projectKey, d, endpoint, now, result);
}
