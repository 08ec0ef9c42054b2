import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';

const TIMEOUT_MS = 2000;

/**
 * `GET /health`: 200 `{ ok: true, database, jobs, oldestJobSeconds }` when the database answers within 2 s, else 503
 * `{ ok: false, error }`. Not rate limited, so a load balancer can always ask.
 *
 * @example
 * healthRoute(app, ctx);
 */
export function healthRoute(app: FastifyInstance, ctx: ServerContext) {
  app.get('/health', { config: { rateLimit: false } }, async (_request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const depth = await Promise.race([
        ctx.queue.depth(),
        new Promise<never>(
          (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)),
        ),
      ]);
      return { ok: true, database: ctx.db.kind, jobs: depth.jobs, oldestJobSeconds: depth.oldestSeconds };
    } catch (error) {
      reply.code(503);
      return { ok: false, error: `database: ${(error as Error).message.slice(0, 200)}` };
    } finally {
      clearTimeout(timer);
    }
  });
}
