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

export type AccountStatus = 'on_track' | 'behind' | 'stalled' | 'expansion';

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

/** One webhook delivery, as `GET /v1/admin/webhooks/deliveries` gives it. */
export interface Delivery {
  id: number;
  webhookId: string;
  url?: string;
  type: string;
  status: 'pending' | 'succeeded' | 'failed' | 'skipped';
  userId?: string;
  accountId?: string;
  createdAt: string;
  nextAttemptAt?: string;
  note?: string;
  attempts: { n: number; at: string; status?: number; error?: string; durationMs: number; manual?: true }[];
}

/** A configured endpoint and how it is doing. */
export interface Endpoint {
  id: string;
  url: string;
  events: string[];
  status: 'active' | 'failing' | 'disabled';
  failingSince?: string;
  disabledReason?: string;
  deliveries: { pending: number; succeeded: number; failed: number; skipped: number };
}

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
