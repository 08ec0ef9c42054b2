import { answerCache } from '../cache/answerCache';
import type { ServerContext } from '../context';
import type { Activation } from './headlines';

const DAY = 864e5;

/**
 * Activation for the executive line: of the users who started `withinDays` days ago or more, how many completed the
 * first level (its user-scope milestones, from verified achievements) and how many did so within `withinDays` days of
 * their start. Undefined when the project has no level with user-scope milestones. Over every user, so from 5,000
 * users on it is reused for a minute (see answerCache).
 *
 * @example
 * await readActivation(ctx, 'pk_demo', 14); // { levelTitle: 'Getting started', users: 900, activated: 610, activatedWithin: 540, withinDays: 14 }
 */
export function readActivation(
  ctx: ServerContext,
  projectKey: string,
  withinDays: number,
): Promise<Activation | undefined> {
  return answerCache(ctx)(
    `activation\n${projectKey}\n${withinDays}`,
    () => computeActivation(ctx, projectKey, withinDays),
    (activation) => (activation?.users ?? 0) >= 5_000,
  );
}

async function computeActivation(
  ctx: ServerContext,
  projectKey: string,
  withinDays: number,
): Promise<Activation | undefined> {
  const definitions = await ctx.definitions.current(projectKey);
  const level = definitions.levels?.[0];
  if (!level) return undefined;
  const userScope = new Set(definitions.milestones.filter((m) => (m.scope ?? 'user') === 'user').map((m) => m.id));
  const ids = level.milestones.filter((id) => userScope.has(id));
  if (!ids.length) return undefined;
  const [row] = await ctx.db.query(
    `with done as (
       select subject, max(achieved_at) as done_at from waymark_achievements
       where project_key = $1 and milestone_id = any($2::text[]) and subject like 'u:%'
       group by subject having count(*) = $3
     )
     select count(*) as users, count(done.done_at) as activated,
            count(*) filter (where done.done_at <= s.started_at + $4 * interval '1 day') as within
     from waymark_subjects s left join done on done.subject = s.subject
     where s.project_key = $1 and s.kind = 'user' and s.merged_into is null and s.started_at <= $5`,
    [projectKey, ids, ids.length, withinDays, new Date(ctx.now() - withinDays * DAY).toISOString()],
  );
  return {
    levelTitle: level.title ?? level.id,
    users: Number(row?.users ?? 0),
    activated: Number(row?.activated ?? 0),
    activatedWithin: Number(row?.within ?? 0),
    withinDays,
  };
}
