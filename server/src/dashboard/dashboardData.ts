import type { AccountList, AccountQuery, Delivery, Endpoint, TriggerFiring, TriggerSummary } from './dashboardTypes';

/**
 * What the dashboard's pages read, from the same functions the admin API answers with, so the page and the API
 * show the same numbers. `createDashboardData(ctx)` gives the server's own.
 */
export interface DashboardData {
  accounts(projectKey: string, query: AccountQuery): Promise<AccountList>;
  endpoints(projectKey: string): Promise<Endpoint[]>;
  /** A page of the delivery log, newest first; `next` is the `before` of the page after (absent on the last). */
  deliveries(
    projectKey: string,
    filter: { status?: Delivery['status']; accountId?: string; before?: number; limit: number },
  ): Promise<{ deliveries: Delivery[]; next?: string }>;
  /** Sends a delivery again now; false when the project has no such delivery. */
  retry(projectKey: string, deliveryId: number): Promise<boolean>;
  triggers(projectKey: string): Promise<TriggerSummary[]>;
  firings(projectKey: string, filter: { accountId: string }): Promise<TriggerFiring[]>;
}
