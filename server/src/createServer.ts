import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { keepAnswersWarm, WARM_EVERY } from './cache/answerCache';
import { type Project, type ResolvedConfig, readConfig } from './config/readConfig';
import type { ServerConfig } from './config/types';
import type { ServerContext } from './context';
import { keepStatistics } from './db/keepStatistics';
import { migrate } from './db/migrate';
import { openDatabase } from './db/openDatabase';
import type { Database } from './db/types';
import { createDefinitionStore } from './definitions/createDefinitionStore';
import { setupEmail } from './email/setupEmail';
import { buildApp } from './http/buildApp';
import type { RouteEntry } from './http/collectRoutes';
import { createTokenVerifier } from './identity/createTokenVerifier';
import { createLogger } from './log/createLogger';
import { recordVerified } from './metrics/recordVerified';
import { createNotifier, type Notifier } from './notify/createNotifier';
import { publishVerified } from './notify/publishVerified';
import { createPace } from './overall/createPace';
import type { Job } from './queue/createQueue';
import { createQueue } from './queue/createQueue';
import { createWorker, type JobHandler } from './queue/createWorker';
import { createScheduler } from './schedule/createScheduler';
import { runScheduled } from './schedule/runScheduled';
import { createBenchmarks } from './state/createBenchmarks';
import { fireAchievementTriggers } from './triggers/fireAchievementTriggers';
import { runTimedTriggers } from './triggers/runTimedTriggers';
import { createEngines } from './verify/createEngines';
import { reevaluateProject } from './verify/reevaluateProject';
import { verifySubject } from './verify/verifySubject';
import { registerWebhooks } from './webhooks/registerWebhooks';

/** A running (or ready to run) waymark-server. */
export interface WaymarkServer {
  /** `http://host:port` once listening. */
  readonly url: string | undefined;
  /** The Fastify instance: add routes or plugins before `listen()` (the demo serves its app from it). */
  readonly app: FastifyInstance;
  /**
   * Every route registered so far, each method on its own (`{ method: 'GET', url: '/v1/admin/users/:userId' }`), with
   * the HEAD and OPTIONS routes Fastify and its plugins add: for a proxy's allow-list, or a test that must reach them all.
   */
  readonly routes: readonly RouteEntry[];
  readonly db: Database;
  readonly log: Logger;
  readonly config: ResolvedConfig;
  /**
   * Verified happenings (`milestone.achieved`, `level.completed`, `milestone.overdue`, `trigger.fired`), for an app
   * that embeds the server: `server.notifier.subscribe(async (query, n) => …)` runs in the transaction that found them.
   */
  readonly notifier: Notifier;
  /** Starts taking requests; resolves the URL. */
  listen(): Promise<string>;
  /** Graceful: stops accepting, finishes requests and the job in progress (cut after `shutdownTimeout`), closes the database. */
  close(): Promise<void>;
  /** Resolves once the job queue has nothing due, nor due within a quarter second (for tests, benchmarks and scripts). */
  idle(): Promise<void>;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Creates the waymark backend: checks the configuration (a `ConfigError` lists every problem), opens the database
 * (PGlite in `dataDir`, or PostgreSQL at `databaseUrl`), migrates it, publishes the configured definitions when they
 * changed, and starts the job worker. `listen()` then serves the public endpoints, the admin API and `/health`.
 *
 * @example
 * import { createServer } from 'waymark-server';
 * const server = await createServer({
 *   port: 8787,
 *   projects: [{ key: 'pk_demo', secretKey: process.env.WAYMARK_SECRET_KEY, identitySecrets: [process.env.WAYMARK_IDENTITY_SECRET],
 *     identity: 'required', origins: ['https://app.example.com'], definitions: './milestones.json' }],
 * });
 * await server.listen();
 * console.log(server.url);
 */
export async function createServer(input: ServerConfig): Promise<WaymarkServer> {
  const config = readConfig(input);
  const log = createLogger({ level: config.logLevel, stream: config.logStream });
  const db = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    schema: config.databaseSchema,
    statementTimeout: config.statementTimeout,
    onIdleError: (error) => log.warn({ err: error }, 'idle database connection failed'),
  });
  try {
    const applied = await migrate(db, config.databaseSchema);
    if (applied.length) log.info({ migrations: applied }, 'database schema migrated');
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  const stopStatistics = keepStatistics(db, (error) =>
    log.warn({ err: error }, 'could not refresh the embedded database statistics'),
  );

  const byKey = new Map(config.projects.map((p) => [p.key, p]));
  const secrets = config.projects.map((p) => ({ project: p, digest: digest(p.secretKey) }));
  const verifiers = new Map(config.projects.map((p) => [p.key, createTokenVerifier(p.identitySecrets)]));
  const queue = createQueue(db);
  const definitions = createDefinitionStore(db);
  const engines = createEngines();
  const notifier = createNotifier();
  const pace = createPace(db);
  const now = config.now;

  const ctx: ServerContext = {
    config,
    db,
    log,
    queue,
    worker: undefined as never,
    jobs: {},
    outbound: new Set(),
    definitions,
    engines,
    benchmarks: createBenchmarks(db),
    pace,
    notifier,
    scheduledTasks: [['triggers', runTimedTriggers]],
    now,
    async afterVerify(query, verified) {
      // Statistics first: what subscribers and triggers read in this transaction already counts this run.
      await recordVerified(pace, query, verified);
      await publishVerified(notifier, query, verified);
      await fireAchievementTriggers(ctx, query, verified);
    },
    project: (key) => (typeof key === 'string' ? byKey.get(key) : undefined),
    projectBySecret(secret: string): Project | undefined {
      const given = digest(secret);
      let found: Project | undefined;
      // Every key is compared, in constant time, so the answer's timing says nothing about which one was close.
      for (const s of secrets) if (timingSafeEqual(s.digest, given)) found = s.project;
      return found;
    },
    verifyToken: (project, token) => verifiers.get(project.key)!(token),
  };
  // Two lanes: verification and the scheduled work one job at a time; outbound work (webhooks, email: kinds in
  // ctx.outbound) several at once, so a receiver that hangs never holds up verification or the other deliveries.
  // A job that published a notification has, once committed, made outbound work: wake that lane rather than wait for its poll.
  let published = false;
  notifier.subscribe(async () => {
    published = true;
  });
  const afterEach = () => {
    if (!published) return;
    published = false;
    outbound.wake();
  };
  const main = createWorker({ queue, log, handlers: ctx.jobs, lane: () => ({ except: [...ctx.outbound] }), afterEach });
  const outbound = createWorker({
    queue,
    log,
    handlers: ctx.jobs,
    lane: () => ({ only: [...ctx.outbound] }),
    concurrency: 8,
  });
  ctx.worker = {
    start() {
      main.start();
      if (ctx.outbound.size) outbound.start();
    },
    wake() {
      main.wake();
      outbound.wake();
    },
    async idle() {
      const lanes = async () => {
        // Outbound work is made by verification (a webhook for an achievement), so idle means both, twice over.
        for (let round = 0; round < 2; round++)
          await Promise.all([main.idle(), ctx.outbound.size ? outbound.idle() : undefined]);
      };
      await lanes();
      // A verification that found a batch still committing runs again in 200 ms; on a PostgreSQL where any other
      // transaction is open (another process, another app) that is common, so work due that soon is waited for (20 s at most).
      for (const until = Date.now() + 20_000; Date.now() < until; ) {
        const [soon] = await db.query(
          `select extract(epoch from min(run_at) - now())::float8 as wait from waymark_jobs
           where run_at < now() + interval '250 milliseconds' and (locked_until is null or locked_until < now())`,
        );
        if (soon?.wait === null || soon?.wait === undefined) return;
        await new Promise((resolve) => setTimeout(resolve, Math.max(10, soon.wait * 1000)));
        await lanes();
      }
    },
    stop: (deadlineMs: number) => Promise.all([main.stop(deadlineMs), outbound.stop(deadlineMs)]).then(() => {}),
  };
  Object.assign(ctx.jobs, {
    async verify(job: Job) {
      const started = performance.now();
      const evaluate = (job.payload as { evaluate?: boolean } | null)?.evaluate === true;
      const { more, applied, waitMs } = await verifySubject(ctx, job.projectKey, job.key, { evaluate });
      log.debug(
        {
          job: job.id,
          project: job.projectKey,
          kind: job.key.slice(0, 1),
          applied,
          ms: +(performance.now() - started).toFixed(2),
        },
        'verified',
      );
      return more || waitMs || false;
    },
    reevaluate: (job: Job) => reevaluateProject(ctx, job),
    scheduled: async (job: Job) => void (await runScheduled(ctx, job.projectKey)),
  } satisfies Record<string, JobHandler>);
  registerWebhooks(ctx);
  const scheduler = createScheduler(ctx, config.scheduleEvery);

  for (const project of config.projects) {
    if (project.identity === 'none')
      log.warn(
        { project: project.key },
        'no identitySecrets: user ids are taken as sent; anyone who knows one can read and write that user',
      );
    if (!project.definitions) continue;
    const result = await definitions.publish(project.key, project.definitions, 'config', now());
    if ('version' in result && !result.unchanged)
      log.info({ project: project.key, version: result.version }, 'definitions from the configuration published');
  }

  const { app, routes } = await buildApp(ctx);
  await setupEmail(ctx, app);
  // Wherever the dashboard is served: its large answers are recomputed ahead of the people who read them.
  const warmer = setInterval(() => void keepAnswersWarm(ctx), WARM_EVERY);
  warmer.unref();
  if (config.worker) {
    ctx.worker.start();
    scheduler.start();
  }
  let url: string | undefined;
  let closing: Promise<void> | undefined;

  return {
    get url() {
      return url;
    },
    app,
    routes,
    db,
    log,
    config,
    notifier,
    async listen() {
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
      log.info({ url, database: db.kind }, 'listening');
      return url;
    },
    close() {
      closing ??= (async () => {
        scheduler.stop();
        clearInterval(warmer);
        const deadline = setTimeout(() => app.server.closeAllConnections?.(), config.shutdownTimeout).unref();
        await Promise.all([
          app.close().catch((e) => log.warn({ err: e }, 'closing the HTTP server')),
          ctx.worker.stop(config.shutdownTimeout),
        ]);
        clearTimeout(deadline);
        await stopStatistics();
        await db.close().catch((e) => log.warn({ err: e }, 'closing the database'));
      })();
      return closing;
    },
    idle: () => ctx.worker.idle(),
  };
}
