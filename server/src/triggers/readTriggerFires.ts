import type { ServerContext } from '../context';
import { idOf, kindOf } from '../verify/subjects';
import type { TriggerWhen } from './readTriggers';

/** `GET /v1/admin/triggers`: each configured trigger and when it last fired. */
export interface TriggersAnswer {
  triggers: {
    id: string;
    scope: 'user' | 'account';
    when: TriggerWhen;
    description?: string;
    fired: number;
    lastFiredAt: string | null;
  }[];
}

/** `GET /v1/admin/triggers/:triggerId/fires`: its firings, the latest first. */
export interface TriggerFiresAnswer {
  fires: { userId?: string; accountId?: string; period: string; firedAt: string; closedAt?: string }[];
}

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * The project's triggers as configured, with how many times each fired and when it last did (one indexed
 * aggregate over the firings).
 *
 * @example
 * const { triggers } = await readTriggerSummary(ctx, 'pk_demo'); // [{ id: 'check-in', fired: 12, lastFiredAt: '…' }]
 */
export async function readTriggerSummary(ctx: ServerContext, projectKey: string): Promise<TriggersAnswer> {
  const rows = await ctx.db.query(
    `select trigger_id, count(*)::int fired, max(fired_at) last from waymark_trigger_fires where project_key = $1 group by trigger_id`,
    [projectKey],
  );
  const byId = new Map(rows.map((r) => [r.trigger_id as string, r]));
  return {
    triggers: (ctx.project(projectKey)?.triggers ?? []).map((t) => ({
      id: t.id,
      scope: t.scope,
      when: t.when,
      ...(t.description && { description: t.description }),
      fired: byId.get(t.id)?.fired ?? 0,
      lastFiredAt: byId.get(t.id) ? iso(byId.get(t.id)!.last) : null,
    })),
  };
}

/**
 * One trigger's firings, the latest first (at most `limit`, default 100): who (a user, with no account field, or an
 * account), the condition period, when it fired and, for `behindPace`, when the subject caught up.
 *
 * @example
 * const { fires } = await readTriggerFires(ctx, 'pk_demo', 'check-in', { limit: 20 });
 */
export async function readTriggerFires(
  ctx: ServerContext,
  projectKey: string,
  triggerId: string,
  options: { limit?: number } = {},
): Promise<TriggerFiresAnswer> {
  const limit = Math.min(1000, Math.max(1, options.limit ?? 100));
  const rows = await ctx.db.query(
    `select subject, period, fired_at, closed_at from waymark_trigger_fires where project_key = $1 and trigger_id = $2
     order by fired_at desc, subject limit ${limit}`,
    [projectKey, triggerId],
  );
  return {
    fires: rows.map((r) => ({
      ...(kindOf(r.subject) === 'user' ? { userId: idOf(r.subject) } : { accountId: idOf(r.subject) }),
      period: r.period,
      firedAt: iso(r.fired_at),
      ...(r.closed_at && { closedAt: iso(r.closed_at) }),
    })),
  };
}
