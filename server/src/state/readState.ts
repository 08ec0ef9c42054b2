import type { ServerContext } from '../context';
import type { Overall } from '../overall/createPace';
import { accountSubject, anonymousSubject, userSubject } from '../verify/subjects';
import type { Benchmark } from './createBenchmarks';

/** What `GET /v1/state` answers (the wire protocol's `RemoteState`). */
export interface StateAnswer {
  milestones?: unknown[];
  levels?: unknown[];
  achieved: Record<string, string>;
  startedAt?: string;
  benchmarks?: Record<string, Benchmark>;
  /** This user's standing across all milestones (their own, user-scope ones), where at least 5 others are compared. */
  overall?: Overall;
}

const time = (d: Date | string) => new Date(d).getTime();

/**
 * One user's (or anonymous device's) state as the server verified it: the project's definitions, achievements the
 * server recomputed (the user's own and their account's), the server's first sight of them, benchmarks, and the
 * user's overall standing (how many milestones typical users had at the same age, and the share that had fewer).
 * Claims a client sent are never part of it. A few indexed reads, whatever the project's size.
 *
 * @example
 * const state = await readState(ctx, 'pk_demo', { userId: 'u_1' });
 */
export async function readState(
  ctx: ServerContext,
  projectKey: string,
  who: { userId?: string; anonymousId?: string },
): Promise<StateAnswer> {
  const subject = who.userId ? userSubject(who.userId) : anonymousSubject(who.anonymousId!);
  const [definitions, [row]] = await Promise.all([
    ctx.definitions.current(projectKey),
    ctx.db.query(
      `select started_at, account_id, merged_into from waymark_subjects where project_key = $1 and subject = $2`,
      [projectKey, subject],
    ),
  ]);
  const account = row?.account_id ? accountSubject(row.account_id) : undefined;
  const subjects = account ? [subject, account] : [subject];
  const [rows, accountRows] = await Promise.all([
    ctx.db.query(
      `select subject, milestone_id, achieved_at from waymark_achievements where project_key = $1 and subject = any($2::text[])`,
      [projectKey, subjects],
    ),
    account
      ? ctx.db.query(`select started_at from waymark_subjects where project_key = $1 and subject = $2`, [
          projectKey,
          account,
        ])
      : [],
  ]);
  const answer: StateAnswer = { achieved: {} };
  if (definitions.version) {
    answer.milestones = definitions.milestones;
    answer.levels = definitions.levels;
  }
  const scopes = new Map(
    definitions.milestones.map((m) => [m.id, m.scope === 'account' ? ('account' as const) : ('user' as const)]),
  );
  const taken: Record<string, number> = {};
  const startedAt = row && !row.merged_into ? time(row.started_at) : undefined;
  const accountStart = accountRows[0] ? time(accountRows[0].started_at) : undefined;
  for (const r of rows) {
    const at = time(r.achieved_at);
    answer.achieved[r.milestone_id] = new Date(at).toISOString();
    const start = r.subject === account ? accountStart : startedAt;
    if (start !== undefined && who.userId) taken[r.milestone_id] = at - start;
  }
  if (startedAt !== undefined) answer.startedAt = new Date(startedAt).toISOString();
  const now = ctx.now();
  const [benchmarks, overall] = await Promise.all([
    ctx.benchmarks.forSubject(projectKey, (id) => scopes.get(id) ?? 'user', taken, now),
    who.userId && startedAt !== undefined
      ? ctx.pace.standing(projectKey, 'user', startedAt, rows.filter((r) => r.subject === subject).length, now)
      : undefined,
  ]);
  if (Object.keys(benchmarks).length) answer.benchmarks = benchmarks;
  if (overall && Object.keys(overall).length) answer.overall = overall;
  return answer;
}
