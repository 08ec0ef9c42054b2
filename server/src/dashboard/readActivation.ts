import { answerCache, LARGE_USERS } from '../cache/answerCache';
import type { ServerContext } from '../context';
import { DAY } from '../timeUnits';
import type { Activation } from './headlines';

/**
 * Activation for the executive line: of the users who started at `from` or later (by default, ever) and `withinDays`
 * days ago or more, how many completed the first level (its user-scope milestones, from verified achievements) and
 * how many did so within `withinDays` days of their start. Undefined when the project has no level with user-scope
 * milestones. From 5,000 users on, the answer is reused for a minute (see answerCache).
 *
 * @example
 * await readActivation(ctx, 'pk_demo', 14); // { levelTitle: 'Getting started', users: 900, activated: 610, activatedWithin: 540, withinDays: 14 }
 * await readActivation(ctx, 'pk_demo', 14, Date.now() - 30 * DAY); // the users who started in the last 30 days
 */
export function readActivation(
  ctx: ServerContext,
  projectKey: string,
  withinDays: number,
  from = 0,
): Promise<Activation | undefined> {
  return answerCache(ctx)(
    `activation\n${projectKey}\n${withinDays}\n${from}`,
    () => computeActivation(ctx, projectKey, withinDays, from),
    (activation) => (activation?.users ?? 0) >= LARGE_USERS,
  );
}

async function computeActivation(
  ctx: ServerContext,
  projectKey: string,
  withinDays: number,
  from: number,
): Promise<Activation | undefined> {
  const definitions = await ctx.definitions.current(projectKey);
  const level = definitions.levels?.[0];
  if (!level) return undefined;
  const userScope = new Set(definitions.milestones.filter((m) => (m.scope ?? 'user') === 'user').map((m) => m.id));
  const ids = level.milestones.filter((id) => userScope.has(id));
  if (!ids.length) return undefined;
  const [row] = await ctx.db.query(
    `with people as materialized (
       select subject, started_at from waymark_subjects
       where project_key = $1 and kind = 'user' and merged_into is null and started_at >= $6 and started_at <= $5
     ), done as (
       select a.subject, max(a.achieved_at) as done_at
       from people p join waymark_achievements a on a.project_key = $1 and a.subject = p.subject and a.milestone_id = any($2::text[])
       group by a.subject having count(*) = $3
     )
     select count(*) as users, count(done.done_at) as activated,
            count(*) filter (where done.done_at <= p.started_at + $4 * interval '1 day') as within
     from people p left join done on done.subject = p.subject`,
    [
      projectKey,
      ids,
      ids.length,
      withinDays,
      new Date(ctx.now() - withinDays * DAY).toISOString(),
      new Date(from).toISOString(),
    ],
  );
  return {
    levelTitle: level.title ?? level.id,
    users: Number(row?.users ?? 0),
    activated: Number(row?.activated ?? 0),
    activatedWithin: Number(row?.within ?? 0),
    withinDays,
  };
}
