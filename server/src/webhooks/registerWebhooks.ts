import type { ServerContext } from '../context';
import { deliverWebhook } from './deliverWebhook';
import { pruneDeliveries } from './pruneDeliveries';
import { recordDeliveries } from './recordDeliveries';
import { createWebhookDeps } from './webhookDeps';

/**
 * Wires webhooks into the server: the notifier consumer that records deliveries, the `webhook` job kind in the
 * outbound lane (8 at once, apart from verification), and the scheduled task that prunes the log. Registered whether
 * or not a project has endpoints, so deliveries left by an earlier configuration are closed rather than stranded.
 *
 * @example
 * registerWebhooks(ctx); // in createServer, before the workers start
 */
export function registerWebhooks(ctx: ServerContext) {
  const deps = createWebhookDeps({
    db: ctx.db,
    queue: ctx.queue,
    log: ctx.log,
    projects: ctx.config.projects,
    allowPrivateNetworks: ctx.config.allowPrivateNetworks,
    delivery: ctx.config.webhookDelivery,
  });
  ctx.notifier.subscribe(recordDeliveries(deps));
  ctx.jobs.webhook = (job) => deliverWebhook(deps, job.projectKey, job.key);
  ctx.outbound.add('webhook');
  ctx.scheduledTasks.push(['webhooks', (_ctx, projectKey) => pruneDeliveries(deps.db, projectKey, deps.clock())]);
  return deps;
}
