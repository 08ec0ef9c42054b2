import type { Consumer } from '../notify/createNotifier';
import { jobKey } from './jobKey';
import { receives } from './readWebhooks';
import type { WebhookDeps } from './webhookDeps';
import { messageId, webhookPayload } from './webhookPayload';

/**
 * The notifier consumer: one delivery per endpoint that receives the notification's type, stored and enqueued (a
 * `webhook` job per delivery) in the publisher's transaction, so an achievement and its webhooks commit together.
 * Unique on (notification key, endpoint): a notification published again makes nothing new. An endpoint that is
 * disabled gets its delivery recorded as `skipped` (retry it by hand once the endpoint works).
 *
 * @example
 * ctx.notifier.subscribe(recordDeliveries(deps));
 */
export function recordDeliveries(deps: WebhookDeps): Consumer {
  return async (query, n) => {
    const endpoints = deps.endpointsOf(n.projectKey).filter((e) => receives(e, n.type));
    if (!endpoints.length) return;
    const body = JSON.stringify(webhookPayload(n));
    const rows = await query<{ id: string | number; status: string; endpoint_id: string }>(
      `insert into waymark_webhook_deliveries
         (project_key, endpoint_id, notification_key, message_id, type, user_id, account_id, body, status, created_at, next_attempt_at, note)
       select $1, e.id, $2, $3, $4, $5, $6, $7,
         case when d.disabled_at is null then 'pending' else 'skipped' end,
         to_timestamp($8::float8 / 1000), case when d.disabled_at is null then to_timestamp($8::float8 / 1000) end,
         case when d.disabled_at is null then null else 'the endpoint is disabled' end
       from unnest($9::text[]) as e(id)
       left join waymark_webhook_endpoints d on d.project_key = $1 and d.endpoint_id = e.id and d.disabled_at is not null
       order by e.id
       on conflict (project_key, notification_key, endpoint_id) do nothing
       returning id, status, endpoint_id`,
      [
        n.projectKey,
        n.key,
        messageId(n.projectKey, n.key),
        n.type,
        n.userId ?? null,
        n.accountId ?? null,
        body,
        deps.clock(),
        endpoints.map((e) => e.id),
      ],
    );
    const due = rows.filter((r) => r.status === 'pending').map((r) => jobKey(r.endpoint_id, r.id));
    await deps.queue.enqueue({ query }, n.projectKey, 'webhook', due);
  };
}
