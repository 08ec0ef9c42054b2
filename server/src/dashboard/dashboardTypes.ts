import type { AccountStatus } from '../accounts/rankAccounts';
import type { DeliveryView } from '../webhooks/listDeliveries';
import type { EndpointView } from '../webhooks/listEndpoints';

/** What the dashboard reads, in the admin API's shapes (../shared/API.md), so the page and the API say the same. */

export interface MilestoneMetric {
  id: string;
  title: string;
  scope?: 'user' | 'account';
  eligible: number;
  achieved: number;
  rate: number;
  medianDays?: number | null;
  p75Days?: number | null;
  retention?: { achievers: number; others: number } | null;
}

export interface Cohort {
  week: string;
  users: number;
  activationRate: number | null;
}

export interface Metrics {
  milestones: MilestoneMetric[];
  density: number;
  cohorts: Cohort[];
  verified: { users: number; events: number };
}

export type { AccountStatus };

export interface AccountRow {
  accountId: string;
  users: number;
  achieved: number;
  lastAchievedAt: string | null;
  status: AccountStatus;
}

export interface AccountQuery {
  status?: AccountStatus[];
  search?: string;
  sort: 'achieved' | 'users' | 'lastAchievedAt' | 'status' | 'accountId';
  order: 'asc' | 'desc';
  limit: number;
  /** The page after the one that gave this (the admin API's `next`). */
  cursor?: string;
  /** How many rows came before this page: for "51–100 of 10,000" only. */
  offset: number;
}

export interface AccountList {
  accounts: AccountRow[];
  /** Accounts matching the filter, on every page. */
  total: number;
  /** Accounts by status (the search applies, the status filter does not). */
  statuses: Record<AccountStatus, number>;
  /** The cursor of the next page; absent on the last. */
  next?: string;
}

/** One webhook delivery and a configured endpoint, as the webhook log gives them. */
export type Delivery = DeliveryView;
export type Endpoint = EndpointView;

export interface TriggerFiring {
  triggerId: string;
  firedAt: number;
  accountId?: string | null;
  userId?: string | null;
}

export interface TriggerSummary {
  id: string;
  scope: string;
  when: string;
  fired: number;
  lastFiredAt?: number | null;
}

export const STATUS_LABEL: Record<AccountStatus, string> = {
  on_track: 'On track',
  behind: 'Behind',
  stalled: 'Stalled',
  expansion: 'Expansion',
};
