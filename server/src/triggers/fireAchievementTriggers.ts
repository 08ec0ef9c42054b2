import type { ServerContext } from '../context';
import type { Query } from '../db/types';
import { accountSubject } from '../verify/subjects';
import type { Verified } from '../verify/verifySubject';
import { fireTrigger } from './fireTrigger';
import type { Trigger } from './readTriggers';

const time = (d: Date | string) => new Date(d).getTime();

/** What the event-driven conditions read about one subject: its achievements' times and milestones. */
interface Standing {
  times: number[];
  milestones: Set<string>;
  /** The levels completed: a user's (an account completes none). */
  levels: Set<string>;
}

/**
 * achievedAtLeast: the achievements in the window ending now that are later than every one a previous firing
 * counted (its period is the time of the last it counted), so it fires again only for a fresh set.
 */
async function freshSet(
  query: Query,
  projectKey: string,
  trigger: Trigger,
  subject: string,
  standing: Standing,
  now: number,
) {
  const [last] = await query(
    `select period from waymark_trigger_fires where project_key = $1 and trigger_id = $2 and subject = $3 order by fired_at desc, period desc limit 1`,
    [projectKey, trigger.id, subject],
  );
  const after = Math.max(now - trigger.ms!, last ? time(last.period) : -Infinity);
  const counted = standing.times.filter((t) => t >= after && (!last || t > time(last.period)));
  return counted.length >= trigger.count! ? new Date(Math.max(...counted)).toISOString() : undefined;
}

/** The period a condition is met in, or undefined: `achieved` and `achievedTotal` fire once ever. */
async function periodOf(
  query: Query,
  projectKey: string,
  trigger: Trigger,
  subject: string,
  standing: Standing,
  now: number,
) {
  if (trigger.kind === 'achieved')
    return standing.milestones.has(trigger.achievedId!) || standing.levels.has(trigger.achievedId!)
      ? 'achieved'
      : undefined;
  if (trigger.kind === 'achievedTotal') return standing.times.length >= trigger.count! ? 'total' : undefined;
  if (trigger.kind === 'achievedAtLeast') return freshSet(query, projectKey, trigger, subject, standing, now);
  return undefined;
}

/**
 * The event-driven triggers (`achieved`, `achievedTotal`, `achievedAtLeast`), evaluated in the verification's
 * transaction right after it recorded achievements (and the account statistics): for the user, from their
 * achievements, and for their account (or the account verified), from its statistics row, counted as the accounts
 * list counts. `quietFor` and `behindPace` depend on time passing: the scheduled run evaluates them.
 *
 * @example
 * await fireAchievementTriggers(ctx, query, verified);
 */
export async function fireAchievementTriggers(ctx: ServerContext, query: Query, v: Verified) {
  const triggers = (ctx.project(v.projectKey)?.triggers ?? []).filter(
    (t) => t.kind !== 'quietFor' && t.kind !== 'behindPace',
  );
  if (!triggers.length || v.kind === 'anonymous') return;
  const grew = v.achieved.length > 0 || (v.leftAccount !== undefined && !!v.accountId);
  if (!grew) return;
  const now = ctx.now();
  const forUsers = triggers.filter((t) => t.scope === 'user');
  if (v.kind === 'user' && v.achieved.length && forUsers.length) {
    const rows = await query(
      `select milestone_id, achieved_at from waymark_achievements where project_key = $1 and subject = $2`,
      [v.projectKey, v.subject],
    );
    // Levels are kept in the user's document (`done`), which this verification has just written: read only when an
    // `achieved` trigger may name one, so the other triggers cost no second query per verification.
    const [subject] = forUsers.some((t) => t.kind === 'achieved')
      ? await query(
          `select coalesce(doc -> 'done', '{}'::jsonb) as done from waymark_subjects where project_key = $1 and subject = $2`,
          [v.projectKey, v.subject],
        )
      : [];
    const standing = {
      times: rows.map((r) => time(r.achieved_at)),
      milestones: new Set(rows.map((r) => r.milestone_id as string)),
      levels: new Set(Object.keys(subject?.done ?? {})),
    };
    for (const trigger of forUsers) {
      const period = await periodOf(query, v.projectKey, trigger, v.subject, standing, now);
      if (period)
        await fireTrigger(
          ctx.notifier,
          query,
          v.projectKey,
          trigger,
          { subject: v.subject, accountId: v.accountId },
          period,
          now,
        );
    }
  }
  const forAccounts = triggers.filter((t) => t.scope === 'account');
  const accountId = v.kind === 'account' ? v.subject.slice(2) : v.accountId;
  if (accountId && forAccounts.length) {
    const [row] = await query(
      `select array_to_string(times, ',') times, array_to_string(milestones, ',') milestones from waymark_account_stats where project_key = $1 and account_id = $2`,
      [v.projectKey, accountId],
    );
    if (!row) return;
    const standing = {
      times: row.times ? String(row.times).split(',').map(Number) : [],
      milestones: new Set<string>(row.milestones ? String(row.milestones).split(',') : []),
      levels: new Set<string>(),
    };
    const subject = accountSubject(accountId);
    for (const trigger of forAccounts) {
      const period = await periodOf(query, v.projectKey, trigger, subject, standing, now);
      if (period) await fireTrigger(ctx.notifier, query, v.projectKey, trigger, { subject }, period, now);
    }
  }
}
