import type { ServerContext } from '../context';
import { deliverWebhook } from './deliverWebhook';
import { recordDeliveries } from './recordDeliveries';
import { createWebhookDeps } from './webhookDeps';
import type { Lookup } from './safeLookup';

/**
 * Wires webhooks into the server: the notifier consumer that records deliveries, and the `webhook` job kind, in the
 * outbound lane (8 at once, apart from verification). Registered whether or not a project has endpoints, so
 * deliveries left by an earlier configuration are closed rather than stranded.
 *
 * @example
 * registerWebhooks(ctx); // in createServer, before the workers start
 */
export function registerWebhooks(ctx: ServerContext, options: { clock?: () => number; resolve?: Lookup } = {}) {
  const deps = createWebhookDeps({
    db: ctx.db,
    queue: ctx.queue,
    log: ctx.log,
    projects: ctx.config.projects,
    allowPrivateNetworks: ctx.config.allowPrivateNetworks,
    ...options,
  });
  ctx.notifier.subscribe(recordDeliveries(deps));
  ctx.jobs.webhook = (job) => deliverWebhook(deps, job.projectKey, job.key);
  ctx.outbound.add('webhook');
  return deps;
}
