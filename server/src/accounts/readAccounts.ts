import type { ServerContext } from '../context';
import { HttpError } from '../http/HttpError';
import { partitionPoint } from '../partitionPoint';
import type { AccountStatus, RankedAccount } from './rankAccounts';
import { readRanking } from './readRanking';

export const ACCOUNT_STATUSES: AccountStatus[] = ['stalled', 'expansion', 'behind', 'on_track'];
export const ACCOUNT_SORTS = ['achieved', 'users', 'lastAchievedAt', 'status', 'accountId'] as const;

/** Which accounts, in what order, how many. */
export interface AccountsQuery {
  /** Only accounts with one of these statuses. */
  status?: AccountStatus[];
  /** Only accounts whose id contains this (case-insensitive). */
  search?: string;
  /** Default `achieved`. `status` orders the urgent first: stalled, behind, on_track, expansion. */
  sort?: (typeof ACCOUNT_SORTS)[number];
  /** Default `desc` (`asc` for `status` and `accountId`). */
  order?: 'asc' | 'desc';
  /** Default 50, at most 500. */
  limit?: number;
  /** `next` of the previous page. */
  cursor?: string;
}

/** One account in the list. */
export interface AccountEntry {
  accountId: string;
  users: number;
  achieved: number;
  lastAchievedAt: string | null;
  status: AccountStatus;
  startedAt: string;
  ageDays: number;
  percentile?: number;
  typicalAtThisAge?: number;
}

/** `GET /v1/admin/accounts`. */
export interface AccountsAnswer {
  accounts: AccountEntry[];
  /** Accounts matching the filters, on every page. */
  total: number;
  /** Accounts by status (the search applies, the status filter does not). */
  statuses: Record<AccountStatus, number>;
  /** Pass as `cursor` for the next page; absent on the last. */
  next?: string;
}

const URGENCY: Record<AccountStatus, number> = { stalled: 0, behind: 1, on_track: 2, expansion: 3 };

const sortValue = (a: RankedAccount, sort: NonNullable<AccountsQuery['sort']>): number | string => {
  if (sort === 'status') return URGENCY[a.status];
  if (sort === 'lastAchievedAt') return a.lastAchievedAt ?? -1;
  if (sort === 'accountId') return a.accountId;
  return a[sort];
};

/** The public shape of a ranked account. */
export const accountEntry = (a: RankedAccount): AccountEntry => ({
  accountId: a.accountId,
  users: a.users,
  achieved: a.achieved,
  lastAchievedAt: a.lastAchievedAt === undefined ? null : new Date(a.lastAchievedAt).toISOString(),
  status: a.status,
  startedAt: new Date(a.startedAt).toISOString(),
  ageDays: a.ageDays,
  ...(a.percentile !== undefined && { percentile: a.percentile, typicalAtThisAge: a.typicalAtThisAge }),
});

/**
 * The accounts list: each account's users, achievements (each user-milestone once, plus its account-scope ones), last
 * achievement and status at `ctx.now()`, filtered, sorted and paged by cursor. The cursor holds the last row's sort
 * value and id, so a page follows on from where the previous one ended even when accounts were added meanwhile.
 * Reads one statistics row per account (kept by verification), never the events.
 *
 * @example
 * const { accounts, next } = await readAccounts(ctx, 'pk_demo', { status: ['stalled'], sort: 'lastAchievedAt', limit: 50 });
 */
export async function readAccounts(
  ctx: ServerContext,
  projectKey: string,
  query: AccountsQuery = {},
): Promise<AccountsAnswer> {
  const sort = query.sort ?? 'achieved';
  const order = query.order ?? (sort === 'status' || sort === 'accountId' ? 'asc' : 'desc');
  const limit = Math.min(500, Math.max(1, query.limit ?? 50));
  const search = query.search?.toLowerCase();
  const all = (await readRanking(ctx, projectKey)).filter((a) => !search || a.accountId.toLowerCase().includes(search));
  const statuses = { stalled: 0, expansion: 0, behind: 0, on_track: 0 };
  for (const a of all) statuses[a.status]++;
  const wanted = query.status?.length ? new Set(query.status) : undefined;
  const list = wanted ? all.filter((a) => wanted.has(a.status)) : all;
  const direction = order === 'asc' ? 1 : -1;
  // Ties in the sort value are ordered by account id, ascending, so the order is total and a cursor is exact.
  const compare = (x: [number | string, string], y: [number | string, string]) =>
    x[0] === y[0] ? (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) : (x[0] < y[0] ? -1 : 1) * direction;
  const keyOf = (a: RankedAccount): [number | string, string] => [sortValue(a, sort), a.accountId];
  list.sort((a, b) => compare(keyOf(a), keyOf(b)));

  let start = 0;
  if (query.cursor) {
    let after: { s: string; o: string; k: [number | string, string] } | undefined;
    try {
      after = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8'));
    } catch {}
    if (!after || after.s !== sort || after.o !== order || !Array.isArray(after.k) || after.k.length !== 2)
      throw new HttpError(400, 'cursor: not one this list gave for this sort and order');
    const k = after.k;
    start = partitionPoint(list, (a) => compare(keyOf(a), k) <= 0);
  }
  const page = list.slice(start, start + limit);
  const answer: AccountsAnswer = { accounts: page.map(accountEntry), total: list.length, statuses };
  if (start + limit < list.length)
    answer.next = Buffer.from(JSON.stringify({ s: sort, o: order, k: keyOf(page.at(-1)!) })).toString('base64url');
  return answer;
}
