import type { DashboardData } from './dashboardData';
import type { AccountQuery } from './dashboardTypes';

// The admin API's largest page.
const CHUNK = 500;

/** A CSV field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
const field = (value: string | number) => {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * Every account the filter matches, as CSV (account, status, users, milestones achieved, last achievement), read
 * page by page in the table's order.
 *
 * @example
 * await accountsCsv(data, 'pk_demo', readAccountsQuery({ status: 'stalled' }));
 * // 'account,status,users,achieved,last_achieved_at\r\nacct_007,stalled,4,9,2026-10-02T08:00:00.000Z\r\n'
 */
export async function accountsCsv(data: DashboardData, projectKey: string, query: AccountQuery): Promise<string> {
  const lines = ['account,status,users,achieved,last_achieved_at'];
  let cursor: string | undefined;
  do {
    const page = await data.accounts(projectKey, {
      ...query,
      limit: CHUNK,
      offset: 0,
      ...(cursor ? { cursor } : { cursor: undefined }),
    });
    for (const a of page.accounts)
      lines.push([a.accountId, a.status, a.users, a.achieved, a.lastAchievedAt ?? ''].map(field).join(','));
    cursor = page.next;
  } while (cursor);
  return `${lines.join('\r\n')}\r\n`;
}
