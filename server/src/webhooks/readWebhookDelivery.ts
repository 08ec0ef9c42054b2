import type { ConfigIssue } from '../config/ConfigError';
import { ATTEMPT_TIMEOUT, RETRY_DELAYS } from './retrySchedule';
import type { Lookup } from './safeLookup';

/**
 * How webhooks are sent, for tests and unusual setups; the defaults are the contract's (15 s per attempt, retries over
 * 27 h, the system DNS, the wall clock).
 */
export interface WebhookDeliveryConfig {
  /** Wall time one attempt may take, ms. Default 15000. */
  timeoutMs?: number;
  /** The waits after each failed attempt, ms. Default 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
  retryDelays?: number[];
  /** The DNS lookup (`dns.lookup`'s shape); every address it answers is still checked (SSRF). */
  lookup?: Lookup;
  /** The wall clock, epoch ms: attempt times, `webhook-timestamp`, the disabling threshold. Default `Date.now`. */
  clock?: () => number;
}

/** The same, with every default filled in. */
export interface WebhookDelivery {
  timeoutMs: number;
  retryDelays: number[];
  lookup?: Lookup;
  clock: () => number;
}

const positive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;

/**
 * Checks the server's `webhookDelivery` option, pushing each problem with its path, and fills in the defaults.
 *
 * @example
 * const delivery = readWebhookDelivery({ timeoutMs: 300, retryDelays: [50, 50] }, issues);
 */
export function readWebhookDelivery(value: unknown, issues: ConfigIssue[]): WebhookDelivery {
  const fallback: WebhookDelivery = { timeoutMs: ATTEMPT_TIMEOUT, retryDelays: RETRY_DELAYS, clock: Date.now };
  if (value === undefined) return fallback;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({ path: 'webhookDelivery', message: 'expected { timeoutMs, retryDelays, lookup, clock }' });
    return fallback;
  }
  const o = value as Record<string, unknown>;
  const delivery = { ...fallback };
  if (o.timeoutMs !== undefined) {
    if (positive(o.timeoutMs)) delivery.timeoutMs = o.timeoutMs as number;
    else issues.push({ path: 'webhookDelivery.timeoutMs', message: 'expected a positive number of ms' });
  }
  if (o.retryDelays !== undefined) {
    if (Array.isArray(o.retryDelays) && o.retryDelays.every(positive)) delivery.retryDelays = o.retryDelays as number[];
    else issues.push({ path: 'webhookDelivery.retryDelays', message: 'expected an array of positive numbers of ms' });
  }
  if (o.lookup !== undefined) {
    if (typeof o.lookup === 'function') delivery.lookup = o.lookup as Lookup;
    else issues.push({ path: 'webhookDelivery.lookup', message: "expected a function with dns.lookup's shape" });
  }
  if (o.clock !== undefined) {
    if (typeof o.clock === 'function') delivery.clock = o.clock as () => number;
    else issues.push({ path: 'webhookDelivery.clock', message: 'expected a function returning epoch ms' });
  }
  for (const key of Object.keys(o))
    if (!['timeoutMs', 'retryDelays', 'lookup', 'clock'].includes(key))
      issues.push({
        path: `webhookDelivery.${key}`,
        message: 'unknown field (expected timeoutMs, retryDelays, lookup, clock)',
      });
  return delivery;
}
