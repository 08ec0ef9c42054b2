import { answerCache } from '../cache/answerCache';
import type { ServerContext } from '../context';
import { loadAccounts } from './loadAccounts';
import type { RankedAccount } from './rankAccounts';

/** Accounts from which a ranking is worth reusing: ranking compares every account with those at least as old. */
const LARGE = 1_000;

/**
 * Every account with its status, as `loadAccounts` ranks them, for the reads (the accounts list, one account, the
 * dashboard): concurrent reads share one ranking, and a project of 1,000 accounts or more reuses it for a minute (see
 * answerCache; kept warm while read), so paging through 10,000 accounts or exporting them ranks them once. The time-based triggers call
 * `loadAccounts` itself, always fresh. Callers must not change the list or its accounts.
 *
 * @example
 * const stalled = (await readRanking(ctx, 'pk_demo')).filter((a) => a.status === 'stalled');
 */
export function readRanking(ctx: ServerContext, projectKey: string): Promise<readonly RankedAccount[]> {
  return answerCache(ctx)(
    `accounts\n${projectKey}`,
    () => loadAccounts(ctx, projectKey),
    (accounts) => accounts.length >= LARGE,
    { warm: true },
  );
}
