import type { FastifyInstance, FastifyRequest } from 'fastify';
import { deleteUser } from '../admin/deleteUser';
import { readUser } from '../admin/readUser';
import type { Project } from '../config/readConfig';
import type { ServerContext } from '../context';
import { HttpError } from '../http/HttpError';
import { checkValue, stringProblem } from '../ingest/checkValue';
import { runScheduled } from '../schedule/runScheduled';
import { webhookRoutes } from '../webhooks/webhookRoutes';
import { insightRoutes } from './insightRoutes';
import { bearer } from './stateRoute';

declare module 'fastify' {
  interface FastifyRequest {
    /** The project whose secret key authorised this admin request. */
    adminProject?: Project;
  }
}

const userIdParam = (request: FastifyRequest) => {
  const { userId } = request.params as { userId: string };
  if (!userId || userId.length > 200 || stringProblem(userId))
    throw new HttpError(400, 'userId: expected a string of 1 to 200 characters');
  return userId;
};

/**
 * The admin API (`Authorization: Bearer <secretKey>`; the project is the key's, and no key reaches another project):
 * users (read, delete), definitions (read, publish a new version) and the scheduled run. Not for browsers: no CORS.
 *
 * @example
 * await app.register((scope) => adminRoutes(scope, ctx));
 */
export async function adminRoutes(app: FastifyInstance, ctx: ServerContext) {
  app.addHook('onRequest', async (request) => {
    const secret = bearer(request.headers.authorization);
    const project = secret ? ctx.projectBySecret(secret) : undefined;
    if (!project)
      throw new HttpError(401, "authorization: expected 'Bearer <the project's secret key>'", {
        headers: { 'www-authenticate': 'Bearer realm="waymark-admin"' },
      });
    request.adminProject = project;
  });

  app.get('/v1/admin/users/:userId', async (request) => {
    const user = await readUser(ctx, request.adminProject!.key, userIdParam(request));
    if (!user) throw new HttpError(404, 'userId: no such user in this project (or not verified yet)');
    return user;
  });

  app.delete('/v1/admin/users/:userId', async (request) =>
    deleteUser(ctx, request.adminProject!.key, userIdParam(request)),
  );

  app.get('/v1/admin/definitions', async (request) => {
    const d = await ctx.definitions.current(request.adminProject!.key);
    return {
      version: d.version,
      milestones: d.milestones,
      levels: d.levels,
      ...(d.publishedAt && { publishedAt: d.publishedAt }),
    };
  });

  // The time-based work due at the server's now(): due dates, quiet periods, pace triggers, digests.
  app.post('/v1/admin/scheduled/run', async (request) => runScheduled(ctx, request.adminProject!.key));

  app.put('/v1/admin/definitions', async (request) => {
    const projectKey = request.adminProject!.key;
    // Valid definitions may still hold what the database cannot store (a NUL, a lone surrogate in a title).
    const unstorable = checkValue(request.body, 'definitions', Number.POSITIVE_INFINITY);
    if (unstorable) throw new HttpError(400, unstorable);
    const result = await ctx.definitions.publish(projectKey, request.body, 'api', ctx.now());
    if ('errors' in result)
      throw new HttpError(
        400,
        `definitions: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}; nothing published`,
        {
          extra: { errors: result.errors },
        },
      );
    // Every subject is evaluated again under the new version (progress is kept per rule, as in the browser).
    await ctx.queue.enqueue(ctx.db, projectKey, 'reevaluate', ['all'], { after: '' });
    ctx.worker.wake();
    const d = await ctx.definitions.current(projectKey);
    return { version: d.version, milestones: d.milestones, levels: d.levels, publishedAt: d.publishedAt };
  });

  insightRoutes(app, ctx);
  await webhookRoutes(app, ctx);
}
