import type { ServerContext } from '../context';
import { checkDeadlines } from './checkDeadlines';

/** Time-based work for one project at the server's `now()`: answers what it did, by task. */
export type ScheduledTask = (ctx: ServerContext, projectKey: string) => Promise<Record<string, number>>;

/**
 * Runs the time-based work due at `now()` for one project: due dates (checkDeadlines), then every task registered
 * in `ctx.scheduledTasks` (quiet periods, pace triggers, digests), each on its own so one failing does not stop the
 * others. The server does this on its own schedule (`scheduleEvery`) and on `POST /v1/admin/scheduled/run`.
 *
 * @example
 * const summary = await runScheduled(ctx, 'pk_demo'); // { at, tasks: { deadlines: { subjects: 3 } } }
 */
export async function runScheduled(ctx: ServerContext, projectKey: string) {
  const tasks: Record<string, Record<string, number> | { error: string }> = {};
  const all: [string, ScheduledTask][] = [['deadlines', checkDeadlines], ...ctx.scheduledTasks];
  for (const [name, task] of all) {
    try {
      tasks[name] = await task(ctx, projectKey);
    } catch (error) {
      ctx.log.error({ err: error, project: projectKey, task: name }, 'scheduled task failed');
      tasks[name] = { error: 'failed; see the server log' };
    }
  }
  ctx.worker.wake();
  return { at: new Date(ctx.now()).toISOString(), tasks };
}
