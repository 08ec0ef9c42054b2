import type { ServerContext } from '../context';

/**
 * The server's own schedule: every `everyMs`, a `scheduled` job per project (one row per project in the queue, so
 * several processes asking at once still run it once at a time). `0` turns the timer off; `POST
 * /v1/admin/scheduled/run` still works.
 *
 * @example
 * const scheduler = createScheduler(ctx, 300_000);
 * scheduler.start();
 * scheduler.stop();
 */
export function createScheduler(ctx: ServerContext, everyMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      for (const project of ctx.config.projects) await ctx.queue.enqueue(ctx.db, project.key, 'scheduled', ['run']);
      ctx.worker.wake();
    } catch (error) {
      ctx.log.warn({ err: error }, 'could not schedule the time-based work');
    }
  };
  return {
    start() {
      if (!everyMs || timer) return;
      timer = setInterval(tick, everyMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
