import { Webhook } from 'standardwebhooks';
import type { WebhookPayload } from './webhookPayload';

type HeaderBag = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

const NAMES = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

const pick = (headers: HeaderBag): Record<string, string> => {
  const out: Record<string, string> = {};
  if (typeof (headers as { get?: unknown }).get === 'function') {
    for (const name of NAMES) out[name] = (headers as { get(name: string): string | null }).get(name) ?? '';
    return out;
  }
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v[0] : v]));
  for (const name of NAMES) out[name] = lower.get(name) ?? '';
  return out;
};

/**
 * Checks a webhook from waymark-server, for receivers: the `webhook-signature` over `{webhook-id}.{webhook-timestamp}.{body}`
 * with the endpoint's secret (Standard Webhooks, with the `standardwebhooks` library), and a `webhook-timestamp`
 * within 5 minutes of this machine's clock. Answers the parsed payload; throws a `WebhookVerificationError` when the
 * delivery is not genuine. Pass the body exactly as received (the raw string or Buffer, not re-serialised JSON), and
 * the headers as Node's `req.headers` or a Fetch `Headers`. Deduplicate on `webhook-id`: it is the same on every retry.
 *
 * @example
 * import { verifyWebhook } from 'waymark-server';
 * const event = verifyWebhook(rawBody, req.headers, process.env.WAYMARK_WEBHOOK_SECRET);
 * if (event.type === 'milestone.achieved') console.log(event.data.userId, event.data.milestoneId);
 */
export function verifyWebhook(body: string | Uint8Array, headers: HeaderBag, secret: string): WebhookPayload {
  const text =
    typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return new Webhook(secret).verify(text, pick(headers)) as WebhookPayload;
}

export { WebhookVerificationError } from 'standardwebhooks';
