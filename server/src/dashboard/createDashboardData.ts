import { readAccounts } from '../accounts/readAccounts';
import type { ServerContext } from '../context';
import { HttpError } from '../http/HttpError';
import { readTriggerSummary } from '../triggers/readTriggerFires';
import { listDeliveries } from '../webhooks/listDeliveries';
import { listEndpoints } from '../webhooks/listEndpoints';
import { retryDelivery } from '../webhooks/retryDelivery';
import type { DashboardData } from './dashboardData';
import { describeWhen } from './describeWhen';
import { readAccountFirings } from './readAccountFirings';

/**
 * The dashboard's data from the functions behind the admin API (accounts, the webhook log, triggers), so a
 * page and the API answer with the same numbers.
 *
 * @example
 * dashboardRoutes(app, ctx, createDashboardData(ctx));
 */
export function createDashboardData(ctx: ServerContext): DashboardData {
  const webhooksOf = (projectKey: string) => ctx.project(projectKey)?.webhooks ?? [];
  return {
    async accounts(projectKey, query) {
      const { offset: _offset, ...rest } = query;
      try {
        return await readAccounts(ctx, projectKey, rest);
      } catch (error) {
        // A cursor from another sort or an older page: start again from the first page.
        if (error instanceof HttpError && query.cursor)
          return readAccounts(ctx, projectKey, { ...rest, cursor: undefined });
        throw error;
      }
    },
    endpoints: (projectKey) => listEndpoints(ctx.db, projectKey, webhooksOf(projectKey)),
    deliveries: (projectKey, filter) => listDeliveries(ctx.db, projectKey, webhooksOf(projectKey), filter),
    async retry(projectKey, id) {
      const queued = await retryDelivery(ctx.db, ctx.queue, projectKey, id, Date.now());
      if (queued) ctx.worker.wake();
      return queued;
    },
    async triggers(projectKey) {
      const { triggers } = await readTriggerSummary(ctx, projectKey);
      return triggers.map((t) => ({
        id: t.id,
        scope: t.scope,
        when: t.description ? `${describeWhen(t.when)} (${t.description})` : describeWhen(t.when),
        fired: t.fired,
        lastFiredAt: t.lastFiredAt ? Date.parse(t.lastFiredAt) : null,
      }));
    },
    firings: (projectKey, { accountId }) => readAccountFirings(ctx, projectKey, accountId),
  };
}
