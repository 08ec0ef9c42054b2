import { ACCOUNT_SORTS, ACCOUNT_STATUSES } from '../accounts/readAccounts';
import type { AccountQuery, AccountStatus } from './dashboardTypes';

export const PAGE_SIZE = 50;

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];

/**
 * The accounts table's state from its URL (`?status=stalled&status=behind&search=acme&sort=users&order=asc&cursor=…`).
 * Links make these URLs, so an unknown value falls back to the default rather than failing the page; a stale cursor
 * (another sort) starts again from the first page.
 *
 * @example
 * readAccountsQuery({ status: 'stalled', sort: 'users' }); // { status: ['stalled'], sort: 'users', order: 'desc', limit: 50, offset: 0 }
 */
export function readAccountsQuery(raw: Record<string, unknown>): AccountQuery {
  const status = list(raw.status).filter((s): s is AccountStatus => ACCOUNT_STATUSES.includes(s as AccountStatus));
  const sort = ACCOUNT_SORTS.find((s) => s === raw.sort) ?? 'achieved';
  const order = raw.order === 'asc' ? 'asc' : raw.order === 'desc' ? 'desc' : sort === 'accountId' ? 'asc' : 'desc';
  const offset = Math.max(0, Math.min(1_000_000, Math.floor(Number(raw.offset) || 0)));
  const search = typeof raw.search === 'string' && raw.search.trim() ? raw.search.trim().slice(0, 200) : undefined;
  const cursor = typeof raw.cursor === 'string' && raw.cursor.length <= 2000 ? raw.cursor : undefined;
  return {
    ...(status.length && { status }),
    ...(search && { search }),
    sort,
    order,
    limit: PAGE_SIZE,
    ...(cursor && { cursor }),
    offset: cursor ? offset : 0,
  };
}

/**
 * The URL of the accounts table with some of its state changed.
 *
 * @example
 * accountsHref(query, { cursor: page.next, offset: 50 }); // '/dashboard/accounts?sort=achieved&order=desc&cursor=…&offset=50'
 */
export function accountsHref(query: AccountQuery, change: Partial<AccountQuery>, path = '/dashboard/accounts') {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  for (const s of next.status ?? []) params.append('status', s);
  if (next.search) params.set('search', next.search);
  params.set('sort', next.sort);
  params.set('order', next.order);
  if (next.cursor) params.set('cursor', next.cursor);
  if (next.cursor && next.offset) params.set('offset', String(next.offset));
  return `${path}?${params}`;
}
