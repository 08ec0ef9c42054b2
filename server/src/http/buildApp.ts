import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
  type preHandlerAsyncHookHandler,
} from 'fastify';
import type { ServerContext } from '../context';
import { createDashboardData } from '../dashboard/createDashboardData';
import { dashboardRoutes } from '../dashboard/dashboardRoutes';
import { adminRoutes } from '../routes/adminRoutes';
import { batchRoute } from '../routes/batchRoute';
import { healthRoute } from '../routes/healthRoute';
import { stateRoute } from '../routes/stateRoute';
import { MINUTE } from '../timeUnits';
import { clientErrorHandler } from './clientErrorHandler';
import { collectRoutes, type RouteEntry } from './collectRoutes';
import { describeFastifyError, MAX_PARAM_LENGTH } from './describeFastifyError';
import { HttpError } from './HttpError';
import { parseBody } from './parseBody';

// PostgreSQL's errors for a database that is down, overloaded or timing out: the client should retry, so 503.
const UNAVAILABLE = /^(08|53|57|58)|^55P03$|^40P01$|^40001$/;
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/** The project key a public request is for (in the body for batches, in the query for state). */
const projectKeyOf = (request: { body?: unknown; query?: unknown }) => {
  const key =
    (request.body as { projectKey?: unknown })?.projectKey ?? (request.query as { projectKey?: unknown })?.projectKey;
  return typeof key === 'string' ? key.slice(0, 200) : '';
};

/**
 * The HTTP side, on Fastify: JSON (and gzipped JSON) bodies under a limit, CORS for configured origins only, rate
 * limits per IP and per project key, the public endpoints and the admin API, and one error handler that answers bad
 * input with a 4xx naming the problem, a database in trouble with a 503 (the client retries), and logs a bug's 500
 * without the request's contents.
 *
 * @example
 * const { app, routes } = await buildApp(ctx);
 * await app.listen({ port: 8787 });
 */
export async function buildApp(ctx: ServerContext): Promise<{ app: FastifyInstance; routes: RouteEntry[] }> {
  const { config } = ctx;
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy as boolean,
    requestTimeout: 30_000,
    connectionTimeout: MINUTE,
    keepAliveTimeout: 5000,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // The router's own answers (a URL that is not valid percent-encoding, a parameter too long) name the problem too.
    frameworkErrors: (error, request, reply) =>
      (reply as FastifyReply)
        .code(error.statusCode ?? 400)
        .send({ error: describeFastifyError(error, request as FastifyRequest) }),
    // And Node's, to what is not HTTP at all (a raw é in the URL): named, and with Connection: close.
    clientErrorHandler,
    // A line per request only at trace: at info the log is for what needs a person's attention, at debug for jobs.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'trace' }),
  }) as unknown as FastifyInstance;
  const routes = collectRoutes(app);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(
        null,
        parseBody(body as Buffer, request.headers['content-encoding'] as string | undefined, config.bodyLimit),
      );
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.setErrorHandler((error: FastifyError & { code?: string }, request, reply) => {
    if (error instanceof HttpError) {
      if (error.headers) reply.headers(error.headers);
      if (error.statusCode === 413) reply.header('connection', 'close');
      return reply.code(error.statusCode).send({ error: error.message, ...error.extra });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) return reply.code(status).send({ error: describeFastifyError(error, request) });
    if (
      UNAVAILABLE.test(error.code ?? '') ||
      NETWORK.has(error.code ?? '') ||
      /timeout|terminat|Connection/i.test(error.message)
    ) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply.code(503).header('retry-after', '5').send({ error: 'the database is unavailable; retry shortly' });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal error' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `${request.method} ${request.url.split('?')[0]}: not found` }),
  );

  const origins = [...new Set(config.projects.flatMap((p) => p.origins))];
  if (origins.length)
    await app.register(cors, {
      origin: origins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'content-encoding', 'authorization'],
      maxAge: 86_400,
    });

  let perProject: preHandlerAsyncHookHandler = async () => {};
  if (config.rateLimit) {
    const { perIp, window } = config.rateLimit;
    await app.register(rateLimit, {
      global: true,
      max: perIp,
      timeWindow: window,
      errorResponseBuilder: (_request, context) =>
        new HttpError(
          429,
          `rate limit: more than ${context.max} requests per ${Math.round(window / 1000)} s from this address; retry after ${context.after}`,
        ),
    });
    // A second limiter, by project key: the plugin's own route handler would be skipped once the per-IP one ran.
    const limit = app.createRateLimit({
      max: config.rateLimit.perProject,
      timeWindow: window,
      keyGenerator: (request) => `project:${projectKeyOf(request)}`,
    });
    perProject = async function (this: unknown, request: FastifyRequest) {
      const result = await limit(request);
      if (!result.isAllowed && result.isExceeded)
        throw new HttpError(
          429,
          `rate limit: more than ${result.max} requests per ${Math.round(window / 1000)} s for this project; retry after ${result.ttlInSeconds} s`,
          {
            headers: { 'retry-after': String(result.ttlInSeconds) },
          },
        );
    } as never;
  }

  batchRoute(app, ctx, perProject);
  stateRoute(app, ctx, perProject);
  healthRoute(app, ctx);
  await app.register(async (scope) => adminRoutes(scope, ctx));
  await app.register(async (scope) => dashboardRoutes(scope, ctx, createDashboardData(ctx)));
  return { app, routes };
}
