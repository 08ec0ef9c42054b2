import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { Project } from '../config/readConfig';
import type { ServerContext } from '../context';
import { HttpError } from '../http/HttpError';
import { stringProblem } from '../ingest/checkValue';
import { MINUTE } from '../timeUnits';
import { accountsCsv } from './accountsCsv';
import { readAccountsQuery } from './accountsQuery';
import { createSessions } from './createSessions';
import type { DashboardData } from './dashboardData';
import { DELIVERIES_PAGE, readDeliveriesQuery } from './deliveriesQuery';
import { headlines } from './headlines';
import { AccountPage } from './pages/AccountPage';
import { AccountsPage } from './pages/AccountsPage';
import { ErrorPage } from './pages/ErrorPage';
import { OverviewPage } from './pages/OverviewPage';
import { SignIn } from './pages/SignIn';
import { WebhooksPage } from './pages/WebhooksPage';
import { readAccountView } from './readAccountView';
import { readOverview } from './readOverview';

declare module 'fastify' {
  interface FastifyRequest {
    /** The project of the signed-in dashboard session. */
    dashboardProject?: Project;
  }
}

const COOKIE = 'waymark_session';
/** Where a form may send the browser back to: a dashboard page, printable ASCII only. */
const SAFE_BACK = /^\/dashboard\/[\x21-\x7e]*$/;
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** The built browser assets (dashboard.js, dashboard.css): beside the built server, or in dist/ when run from source. */
const assetsDir = () => {
  for (const candidate of ['./dashboard/', '../../dist/dashboard/']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}dashboard.js`)) return dir;
  }
  return undefined;
};

const RANGES: Record<string, { days: number | undefined; label: string }> = {
  '30': { days: 30, label: 'Last 30 days' },
  '90': { days: 90, label: 'Last 90 days' },
  all: { days: undefined, label: 'All time' },
};

/** Sends a page: server-rendered Preact, no script needed to read it. */
export const page = (reply: FastifyReply, vnode: VNode, status = 200) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${render(vnode)}`);

/**
 * The dashboard at /dashboard: a sign-in with the project's secret key (an HttpOnly, SameSite=Strict session cookie
 * that is not the key), then server-rendered pages for customer-success managers and executives. Works under
 * `default-src 'self'` (the header it sends), with a CSRF token on every form that POSTs.
 *
 * @example
 * await app.register((scope) => dashboardRoutes(scope, ctx, createDashboardData(ctx)));
 */
export async function dashboardRoutes(app: FastifyInstance, ctx: ServerContext, data: DashboardData) {
  const sessions = createSessions(ctx.db);
  await app.register(cookie);
  await app.register(csrf, {
    cookieKey: 'waymark_csrf',
    cookieOpts: { path: '/dashboard', sameSite: 'strict', httpOnly: true, secure: 'auto' },
    getToken: (request) => (request.body as { _csrf?: string } | undefined)?._csrf,
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 10_000 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  // Errors on these pages are pages too; the server's own handler still logs and answers what is not ours to word.
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error instanceof HttpError ? error.statusCode : (error.statusCode ?? 500);
    if (status >= 500) request.log.error({ err: error }, 'dashboard page failed');
    const message =
      status === 403
        ? 'The page was open too long or in another session. Go back, reload it, and try again.'
        : status >= 500
          ? 'The dashboard could not read this page just now. Reload in a moment; the server log says more.'
          : error.message;
    return page(reply, ErrorPage({ status, message }), status);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    return payload;
  });
  const dir = assetsDir();
  if (dir)
    await app.register(fastifyStatic, {
      root: dir,
      prefix: '/dashboard/assets/',
      decorateReply: false,
      cacheControl: false,
    });
  else ctx.log.warn('the dashboard assets are not built (npm run build): pages are served without style or charts');

  // Ten sign-in attempts a minute per address (unless rate limits are turned off altogether).
  const signInLimit = ctx.config.rateLimit ? app.createRateLimit({ max: 10, timeWindow: MINUTE }) : undefined;
  const cookieOptions = (request: FastifyRequest) => ({
    path: '/dashboard',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: request.protocol === 'https',
  });

  /** Protected pages: the session's project, or a redirect to the sign-in. */
  const signedIn = async (request: FastifyRequest, reply: FastifyReply) => {
    const key = await sessions.projectOf(request.cookies[COOKIE]);
    const project = key ? ctx.project(key) : undefined;
    if (!project) return reply.redirect('/dashboard', 303);
    request.dashboardProject = project;
  };

  app.get('/dashboard/favicon.svg', async (_request, reply) =>
    reply
      .type('image/svg+xml')
      .send(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M8 1 15 8 8 15 1 8Z" fill="#4f46e5"/></svg>',
      ),
  );

  app.get('/dashboard', async (request, reply) => {
    if (await sessions.projectOf(request.cookies[COOKIE])) return reply.redirect('/dashboard/overview', 303);
    return page(reply, SignIn({ csrf: reply.generateCsrf() }));
  });

  app.post('/dashboard/sign-in', { preHandler: app.csrfProtection }, async (request, reply) => {
    const limited = await signInLimit?.(request);
    if (limited && !limited.isAllowed && limited.isExceeded)
      return page(
        reply,
        SignIn({
          csrf: reply.generateCsrf(),
          error: 'Too many attempts from this address. Wait a minute and try again.',
        }),
        429,
      );
    const given = (request.body as { secret?: unknown })?.secret;
    const secret = typeof given === 'string' ? given : '';
    const project = secret.length >= 16 && secret.length <= 500 ? ctx.projectBySecret(secret) : undefined;
    if (!project)
      return page(
        reply,
        SignIn({
          csrf: reply.generateCsrf(),
          error: "That key doesn't open a project on this server. Check it and try again.",
        }),
        401,
      );
    reply.setCookie(COOKIE, await sessions.open(project.key), { ...cookieOptions(request), maxAge: 12 * 3600 });
    return reply.redirect('/dashboard/overview', 303);
  });

  app.post('/dashboard/sign-out', { preHandler: app.csrfProtection }, async (request, reply) => {
    await sessions.close(request.cookies[COOKIE]);
    reply.clearCookie(COOKIE, cookieOptions(request));
    return reply.redirect('/dashboard', 303);
  });

  app.get('/dashboard/overview', { preHandler: signedIn }, async (request, reply) => {
    const projectKey = request.dashboardProject!.key;
    const asked = String((request.query as { range?: unknown }).range);
    // Own keys only: `?range=constructor` is no range (it was Object's, and the page failed on it).
    const range = Object.hasOwn(RANGES, asked) ? RANGES[asked]! : RANGES['30']!;
    const [{ metrics, trend, activation }, risk, expansion] = await Promise.all([
      readOverview(ctx, projectKey, range.days),
      data.accounts(projectKey, { status: ['stalled', 'behind'], sort: 'users', order: 'desc', limit: 6, offset: 0 }),
      data.accounts(projectKey, { status: ['expansion'], sort: 'achieved', order: 'desc', limit: 6, offset: 0 }),
    ]);
    return page(
      reply,
      OverviewPage({
        projectKey,
        csrf: reply.generateCsrf(),
        now: ctx.now(),
        range,
        metrics,
        asOf: Date.parse(metrics.to),
        ...(trend && { trend }),
        headlines: headlines(metrics, trend, activation),
        statuses: risk.statuses,
        atRisk: risk.accounts,
        expansion: expansion.accounts,
      }),
    );
  });

  app.get('/dashboard/accounts', { preHandler: signedIn }, async (request, reply) => {
    const projectKey = request.dashboardProject!.key;
    const query = readAccountsQuery(request.query as Record<string, unknown>);
    const list = await data.accounts(projectKey, query);
    return page(reply, AccountsPage({ projectKey, csrf: reply.generateCsrf(), now: ctx.now(), query, page: list }));
  });

  app.get('/dashboard/accounts.csv', { preHandler: signedIn }, async (request, reply) => {
    const projectKey = request.dashboardProject!.key;
    const query = readAccountsQuery(request.query as Record<string, unknown>);
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${projectKey}-accounts.csv"`);
    return reply.send(await accountsCsv(data, projectKey, query));
  });

  app.get('/dashboard/accounts/:accountId', { preHandler: signedIn }, async (request, reply) => {
    const { accountId } = request.params as { accountId: string };
    const projectKey = request.dashboardProject!.key;
    const view =
      accountId.length <= 200 && !stringProblem(accountId)
        ? await readAccountView(ctx, projectKey, accountId)
        : undefined;
    if (!view) throw new HttpError(404, `account ${accountId.slice(0, 80)}: not in this project`);
    const [triggers, { deliveries, next }] = await Promise.all([
      data.firings(projectKey, { accountId }),
      data.deliveries(projectKey, { accountId, limit: 50 }),
    ]);
    return page(
      reply,
      AccountPage({
        view,
        triggers,
        deliveries,
        moreDeliveries: next !== undefined,
        projectKey,
        csrf: reply.generateCsrf(),
        now: ctx.now(),
      }),
    );
  });

  app.get('/dashboard/webhooks', { preHandler: signedIn }, async (request, reply) => {
    const projectKey = request.dashboardProject!.key;
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const query = readDeliveriesQuery(raw);
    const [endpoints, log, triggers] = await Promise.all([
      data.endpoints(projectKey),
      data.deliveries(projectKey, { ...query, limit: DELIVERIES_PAGE }),
      data.triggers(projectKey),
    ]);
    return page(
      reply,
      WebhooksPage({
        projectKey,
        csrf: reply.generateCsrf(),
        query,
        endpoints,
        deliveries: log.deliveries,
        ...(log.next && { next: Number(log.next) }),
        triggers,
        ...(raw.retried ? { notice: 'The delivery is queued to be sent again now.' } : {}),
      }),
    );
  });

  app.post(
    '/dashboard/webhooks/deliveries/:id/retry',
    { preHandler: [signedIn, app.csrfProtection] },
    async (request, reply) => {
      const projectKey = request.dashboardProject!.key;
      const { id } = request.params as { id: string };
      const deliveryId = /^\d{1,15}$/.test(id) ? Number(id) : undefined;
      if (deliveryId === undefined || !(await data.retry(projectKey, deliveryId)))
        throw new HttpError(404, `delivery ${id.slice(0, 80)}: not in this project`);
      const back = (request.body as { back?: unknown })?.back;
      // Only back to a dashboard page (never an open redirect), in printable ASCII (a Location header can hold no other).
      const target = typeof back === 'string' && SAFE_BACK.test(back) ? back : '/dashboard/webhooks';
      return reply.redirect(`${target}${target.includes('?') ? '&' : '?'}retried=1`, 303);
    },
  );
}
