import type { ServerContext } from '../context';
import { describeSubject } from '../verify/describeSubject';
import { accountSubject } from '../verify/subjects';

/** One milestone as the dashboard shows it. */
export interface MilestoneLine {
  id: string;
  title: string;
  current: number;
  target: number;
  status: string;
  achievedAt?: number;
}

export interface AccountUser {
  userId: string;
  startedAt: number;
  lastEventAt: number;
  milestones: MilestoneLine[];
}

export interface AccountView {
  accountId: string;
  startedAt?: number;
  lastEventAt?: number;
  /** The account's own (account-scope) milestones. */
  milestones: MilestoneLine[];
  users: AccountUser[];
  /** Users beyond the first 200 are counted, not listed. */
  moreUsers: number;
}

const MAX_USERS = 200;
const time = (d: Date | string) => new Date(d).getTime();

/**
 * One account for the dashboard: its account-scope milestones and its users (the 200 most recently active), each
 * with every milestone's progress and achievement, read from their stored engine state. Undefined for an account
 * the server has never seen.
 *
 * @example
 * const view = await readAccountView(ctx, 'pk_demo', 'acct_9');
 */
export async function readAccountView(
  ctx: ServerContext,
  projectKey: string,
  accountId: string,
): Promise<AccountView | undefined> {
  const definitions = await ctx.definitions.current(projectKey);
  const [account] = await ctx.db.query(
    `select doc, started_at, last_event_at from waymark_subjects where project_key = $1 and subject = $2`,
    [projectKey, accountSubject(accountId)],
  );
  const users = await ctx.db.query(
    `select subject, doc, started_at, last_event_at, count(*) over () as total from waymark_subjects
     where project_key = $1 and kind = 'user' and account_id = $2 order by last_event_at desc limit ${MAX_USERS}`,
    [projectKey, accountId],
  );
  if (!account && !users.length) return undefined;
  const lines = (kind: 'user' | 'account', raw: unknown, elsewhere?: Record<string, number>): MilestoneLine[] =>
    describeSubject(ctx.engines, projectKey, definitions, kind, raw, ctx.now(), elsewhere).milestones.map((m) => ({
      id: m.id,
      title: m.title,
      current: m.current,
      target: m.target,
      status: m.status,
      ...(m.achievedAt !== undefined && { achievedAt: m.achievedAt }),
    }));
  const own = lines('account', account?.doc);
  const accountAchieved = Object.fromEntries(
    own.filter((m) => m.achievedAt !== undefined).map((m) => [m.id, m.achievedAt!]),
  );
  return {
    accountId,
    ...(account && { startedAt: time(account.started_at), lastEventAt: time(account.last_event_at) }),
    milestones: own,
    users: users.map((u) => ({
      userId: u.subject.slice(2),
      startedAt: time(u.started_at),
      lastEventAt: time(u.last_event_at),
      // The user's view includes the account's achievements, as the browser shows them.
      milestones: lines('user', u.doc, accountAchieved).filter((m) => !own.some((o) => o.id === m.id)),
    })),
    moreUsers: Math.max(0, Number(users[0]?.total ?? 0) - users.length),
  };
}
