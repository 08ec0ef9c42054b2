import { loadAccounts } from '../accounts/loadAccounts';
import type { ServerContext } from '../context';
import { DAY } from '../timeUnits';
import { accountSubject } from '../verify/subjects';
import { fireTrigger, type TriggerSubject } from './fireTrigger';
import type { Trigger } from './readTriggers';

/** At most this many firings per trigger and run; the rest fire on the next run (each is recorded, so none twice). */
const PER_RUN = 5000;
/** Firings per transaction. */
const CHUNK = 200;

const iso = (t: number) => new Date(t).toISOString();

/** Fires `trigger` for each subject, with its period, in transactions of 200. Answers how many fired. */
async function fireAll(
  ctx: ServerContext,
  projectKey: string,
  trigger: Trigger,
  due: (TriggerSubject & { period: string })[],
  now: number,
) {
  let fired = 0;
  for (let i = 0; i < due.length; i += CHUNK)
    fired += await ctx.db.transaction(async (query) => {
      let n = 0;
      for (const who of due.slice(i, i + CHUNK))
        if (await fireTrigger(ctx.notifier, query, projectKey, trigger, who, who.period, now)) n++;
      return n;
    });
  return fired;
}

/**
 * quietFor: subjects with no achievement for the quiet period, counted from their last achievement (or their start),
 * which is the period's name, so a subject fires once per quiet period and again only after a new achievement ended
 * it. Users from their achievements; accounts from their statistics rows.
 */
async function quietSubjects(ctx: ServerContext, projectKey: string, trigger: Trigger, now: number) {
  const cutoff = iso(now - trigger.ms!);
  const rows =
    trigger.scope === 'user'
      ? await ctx.db.query(
          `select q.subject, q.account_id, q.since from (
             select s.subject, s.account_id,
               coalesce((select max(a.achieved_at) from waymark_achievements a where a.project_key = s.project_key and a.subject = s.subject), s.started_at) since
             from waymark_subjects s where s.project_key = $1 and s.kind = 'user' and s.merged_into is null) q
           where q.since <= $3 and not exists (select 1 from waymark_trigger_fires f where f.project_key = $1 and f.trigger_id = $2 and f.subject = q.subject
             and f.period = to_char(q.since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
           order by q.since, q.subject limit ${PER_RUN}`,
          [projectKey, trigger.id, cutoff],
        )
      : await ctx.db.query(
          `select 'c:' || t.account_id subject, null account_id, coalesce(t.last_achieved_at, t.started_at) since from waymark_account_stats t
           where t.project_key = $1 and t.started_at is not null and coalesce(t.last_achieved_at, t.started_at) <= $3
             and not exists (select 1 from waymark_trigger_fires f where f.project_key = $1 and f.trigger_id = $2 and f.subject = 'c:' || t.account_id
               and f.period = to_char(coalesce(t.last_achieved_at, t.started_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
           order by since, subject limit ${PER_RUN}`,
          [projectKey, trigger.id, cutoff],
        );
  return rows.map((r) => ({
    subject: r.subject as string,
    accountId: r.account_id as string | null,
    period: iso(new Date(r.since).getTime()),
  }));
}

/** Subjects now behind pace: fewer achievements than the median compared subject of their age (at least 5 compared). */
async function behindSubjects(
  ctx: ServerContext,
  projectKey: string,
  trigger: Trigger,
  now: number,
): Promise<TriggerSubject[]> {
  if (trigger.scope === 'account')
    return (await loadAccounts(ctx, projectKey))
      .filter((a) => a.typicalAtThisAge !== undefined && a.times.filter((t) => t <= now).length < a.typicalAtThisAge)
      .map((a) => ({ subject: accountSubject(a.accountId) }));
  const rows = await ctx.db.query(
    `select s.subject, s.account_id, s.started_at, count(a.milestone_id)::int achieved from waymark_subjects s
     left join waymark_achievements a on a.project_key = s.project_key and a.subject = s.subject
     where s.project_key = $1 and s.kind = 'user' and s.merged_into is null group by s.subject, s.account_id, s.started_at`,
    [projectKey],
  );
  const behind: TriggerSubject[] = [];
  // The standing depends on the age in days and the count alone: a few thousand pairs for any number of users.
  const typical = new Map<string, Promise<number | undefined>>();
  for (const r of rows) {
    const startedAt = new Date(r.started_at).getTime();
    const key = `${Math.floor((now - startedAt) / DAY)}:${r.achieved}`;
    if (!typical.has(key))
      typical.set(
        key,
        ctx.pace.standing(projectKey, 'user', startedAt, r.achieved, now).then((o) => o.typicalAtThisAge),
      );
    const median = await typical.get(key)!;
    if (median !== undefined && r.achieved < median) behind.push({ subject: r.subject, accountId: r.account_id });
  }
  return behind;
}

/**
 * behindPace: a subject fires when it falls behind, once, and the period stays open (`closed_at` empty) while it
 * stays behind; when it has caught up the period is closed, and falling behind again fires again.
 */
async function behindPace(ctx: ServerContext, projectKey: string, trigger: Trigger, now: number) {
  const behind = await behindSubjects(ctx, projectKey, trigger, now);
  const open = new Set(
    (
      await ctx.db.query(
        `select subject from waymark_trigger_fires where project_key = $1 and trigger_id = $2 and closed_at is null`,
        [projectKey, trigger.id],
      )
    ).map((r) => r.subject as string),
  );
  const still = new Set(behind.map((b) => b.subject));
  const caughtUp = [...open].filter((subject) => !still.has(subject));
  if (caughtUp.length)
    await ctx.db.query(
      `update waymark_trigger_fires set closed_at = $3 where project_key = $1 and trigger_id = $2 and closed_at is null and subject = any($4::text[])`,
      [projectKey, trigger.id, iso(now), caughtUp],
    );
  const due = behind
    .filter((b) => !open.has(b.subject))
    .slice(0, PER_RUN)
    .map((b) => ({ ...b, period: iso(now) }));
  return { fired: await fireAll(ctx, projectKey, trigger, due, now), closed: caughtUp.length };
}

/**
 * The time-based triggers of a project at `ctx.now()` (`quietFor`, `behindPace`), as a scheduled task: run on the
 * server's schedule and on `POST /v1/admin/scheduled/run`. Idempotent: each firing is recorded once per subject and
 * period. Answers how many fired, by trigger.
 *
 * @example
 * ctx.scheduledTasks.push(['triggers', runTimedTriggers]);
 */
export async function runTimedTriggers(ctx: ServerContext, projectKey: string): Promise<Record<string, number>> {
  const now = ctx.now();
  const fired: Record<string, number> = {};
  for (const trigger of ctx.project(projectKey)?.triggers ?? []) {
    if (trigger.kind === 'quietFor')
      fired[trigger.id] = await fireAll(
        ctx,
        projectKey,
        trigger,
        await quietSubjects(ctx, projectKey, trigger, now),
        now,
      );
    else if (trigger.kind === 'behindPace') fired[trigger.id] = (await behindPace(ctx, projectKey, trigger, now)).fired;
  }
  return fired;
}
