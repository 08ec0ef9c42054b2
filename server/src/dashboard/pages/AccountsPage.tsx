import { accountsHref } from '../accountsQuery';
import type { AccountList, AccountQuery, AccountStatus } from '../dashboardTypes';
import { STATUS_LABEL } from '../dashboardTypes';
import { ago, count, date } from '../format';
import { Layout } from './Layout';

const TABS: [string, AccountStatus[] | undefined][] = [
  ['All', undefined],
  ['At risk', ['stalled', 'behind']],
  ['Stalled', ['stalled']],
  ['Behind pace', ['behind']],
  ['Expansion', ['expansion']],
  ['On track', ['on_track']],
];

const COLUMNS: [AccountQuery['sort'], string, boolean][] = [
  ['accountId', 'Account', false],
  ['status', 'Status', false],
  ['users', 'Users', true],
  ['achieved', 'Milestones achieved', true],
  ['lastAchievedAt', 'Last achievement', false],
];

const sameStatuses = (a: AccountStatus[] | undefined, b: AccountStatus[] | undefined) =>
  (a ?? []).slice().sort().join() === (b ?? []).slice().sort().join();

/**
 * Accounts by milestone achievement: status tabs with their counts, a search by account id, columns that sort on the
 * server, pages of 50, and a CSV export of everything the filter matches.
 */
export function AccountsPage(props: {
  projectKey: string;
  csrf: string;
  now: number;
  query: AccountQuery;
  page: AccountList;
}) {
  const { query, page, now } = props;
  const countOf = (statuses: AccountStatus[] | undefined) =>
    statuses
      ? statuses.reduce((n, s) => n + page.statuses[s], 0)
      : Object.values(page.statuses).reduce((a, b) => a + b, 0);
  const first = page.total ? query.offset + 1 : 0;
  const last = Math.min(page.total, query.offset + page.accounts.length);
  return (
    <Layout title="Accounts" projectKey={props.projectKey} section="accounts" csrf={props.csrf}>
      <div class="page-head">
        <h1>Accounts</h1>
        <a
          class="button quiet"
          href={accountsHref(query, { cursor: undefined, offset: 0 }, '/dashboard/accounts.csv')}
          download
        >
          Export CSV
        </a>
      </div>
      <nav class="tabs" aria-label="Account status">
        {TABS.map(([label, statuses]) => (
          <a
            href={accountsHref(query, { status: statuses, cursor: undefined, offset: 0 })}
            aria-current={sameStatuses(query.status, statuses) ? 'page' : undefined}
          >
            {label} <span class="count">{count(countOf(statuses))}</span>
          </a>
        ))}
      </nav>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> needs Safari 17 and Chrome 118; role=search works in every browser */}
      <form class="filters" method="get" action="/dashboard/accounts" role="search">
        {query.status?.map((s) => (
          <input type="hidden" name="status" value={s} />
        ))}
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="order" value={query.order} />
        <label for="search" class="sr-only">
          Search accounts
        </label>
        <input id="search" type="search" name="search" value={query.search ?? ''} placeholder="Search by account id" />
        <button type="submit" class="quiet">
          Search
        </button>
        {query.search && (
          <a href={accountsHref(query, { search: undefined, cursor: undefined, offset: 0 })} class="small">
            Clear
          </a>
        )}
      </form>
      <section class="card flush" aria-labelledby="accounts-title">
        <h2 id="accounts-title" class="sr-only">
          Accounts
        </h2>
        {page.accounts.length ? (
          <section class="scroll" tabIndex={0} aria-label="Accounts table">
            <table class="accounts">
              <thead>
                <tr>
                  {COLUMNS.map(([sort, label, numeric]) => {
                    const active = sort === query.sort;
                    const order = active && query.order === 'desc' ? 'asc' : 'desc';
                    return (
                      <th
                        scope="col"
                        class={numeric ? 'num' : undefined}
                        aria-sort={active ? (query.order === 'asc' ? 'ascending' : 'descending') : undefined}
                      >
                        <a href={accountsHref(query, { sort, order, cursor: undefined, offset: 0 })}>
                          {label}
                          {active && <span aria-hidden="true">{query.order === 'asc' ? ' ↑' : ' ↓'}</span>}
                        </a>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {page.accounts.map((a) => (
                  <tr>
                    <th scope="row">
                      <a href={`/dashboard/accounts/${encodeURIComponent(a.accountId)}`}>{a.accountId}</a>
                    </th>
                    <td>
                      <span class={`pill ${a.status}`}>{STATUS_LABEL[a.status]}</span>
                    </td>
                    <td class="num">{count(a.users)}</td>
                    <td class="num">{count(a.achieved)}</td>
                    <td>
                      {a.lastAchievedAt ? (
                        <time dateTime={a.lastAchievedAt} title={date(Date.parse(a.lastAchievedAt))}>
                          {ago(Date.parse(a.lastAchievedAt), now)}
                        </time>
                      ) : (
                        <span class="muted">never</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : (
          <p class="empty pad">No account matches{query.search ? ` “${query.search}”` : ''}.</p>
        )}
      </section>
      <nav class="pager" aria-label="Pages">
        <span class="muted">
          {count(first)}–{count(last)} of {count(page.total)}
        </span>
        {query.cursor ? (
          <a class="button quiet" href={accountsHref(query, { cursor: undefined, offset: 0 })}>
            First page
          </a>
        ) : (
          <span class="button quiet disabled" aria-disabled="true">
            First page
          </span>
        )}
        {page.next ? (
          <a
            class="button quiet"
            href={accountsHref(query, { cursor: page.next, offset: query.offset + page.accounts.length })}
            rel="next"
          >
            Next
          </a>
        ) : (
          <span class="button quiet disabled" aria-disabled="true">
            Next
          </span>
        )}
      </nav>
    </Layout>
  );
}
