import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccountStatus } from '../accounts/rankAccounts';
import { readAccount } from '../accounts/readAccount';
import { ACCOUNT_SORTS, ACCOUNT_STATUSES, type AccountsQuery, readAccounts } from '../accounts/readAccounts';
import type { ServerContext } from '../context';
import { HttpError } from '../http/HttpError';
import { stringProblem } from '../ingest/checkValue';
import { readMetrics } from '../metrics/readMetrics';
import { readTriggerFires, readTriggerSummary } from '../triggers/readTriggerFires';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const text = (query: Record<string, unknown>, name: string, max = 200): string | undefined => {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > max)
    throw new HttpError(400, `${name}: expected one value of at most ${max} characters`);
  const problem = stringProblem(value);
  if (problem) throw new HttpError(400, `${name}: ${problem}`);
  return value;
};

const date = (query: Record<string, unknown>, name: string) => {
  const value = text(query, name, 40);
  if (value === undefined) return undefined;
  const at = ISO_DATE.test(value) ? Date.parse(value) : NaN;
  // From 1970 on: PostgreSQL has no year 0 (JavaScript writes 1 BC as 0000), and no product time is older.
  if (!Number.isFinite(at) || at < 0)
    throw new HttpError(
      400,
      `${name}: expected an ISO 8601 date from 1970 on, like 2026-11-01 or 2026-11-01T09:00:00Z`,
    );
  return at;
};

const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined => {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new HttpError(400, `${name}: expected one of ${allowed.join(', ')}`);
  return value as T;
};

/** `GET /v1/admin/accounts`'s query string, checked. */
const accountsQuery = (request: FastifyRequest): AccountsQuery => {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const status = text(query, 'status')
    ?.split(',')
    .map((s) => oneOf(s.trim(), ACCOUNT_STATUSES, 'status') as AccountStatus);
  const limitText = text(query, 'limit', 10);
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 500))
    throw new HttpError(400, 'limit: expected a whole number from 1 to 500');
  return {
    status,
    search: text(query, 'search'),
    sort: oneOf(text(query, 'sort'), ACCOUNT_SORTS, 'sort'),
    order: oneOf(text(query, 'order'), ['asc', 'desc'] as const, 'order'),
    limit,
    cursor: text(query, 'cursor', 2000),
  };
};

/**
 * The insight endpoints of the admin API, inside its authorised scope: metrics, the accounts list, one account, and
 * the triggers with their firings.
 *
 * @example
 * insightRoutes(app, ctx); // from adminRoutes, after its authorisation hook
 */
export function insightRoutes(app: FastifyInstance, ctx: ServerContext) {
  app.get('/v1/admin/metrics', async (request) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const from = date(query, 'from');
    const to = date(query, 'to');
    if (from !== undefined && to !== undefined && from >= to)
      throw new HttpError(400, 'from: expected a date before to');
    return readMetrics(ctx, request.adminProject!.key, { from, to });
  });

  app.get('/v1/admin/accounts', async (request) =>
    readAccounts(ctx, request.adminProject!.key, accountsQuery(request)),
  );

  app.get('/v1/admin/accounts/:accountId', async (request) => {
    const { accountId } = request.params as { accountId: string };
    if (!accountId || accountId.length > 200 || stringProblem(accountId))
      throw new HttpError(400, 'accountId: expected a string of 1 to 200 characters');
    const account = await readAccount(ctx, request.adminProject!.key, accountId);
    if (!account) throw new HttpError(404, 'accountId: no such account in this project (or not verified yet)');
    return account;
  });

  app.get('/v1/admin/triggers', async (request) => readTriggerSummary(ctx, request.adminProject!.key));

  app.get('/v1/admin/triggers/:triggerId/fires', async (request) => {
    const { triggerId } = request.params as { triggerId: string };
    const project = request.adminProject!;
    if (!project.triggers.some((t) => t.id === triggerId))
      throw new HttpError(404, `triggerId: no trigger "${triggerId.slice(0, 100)}" in this project`);
    const limitText = text((request.query ?? {}) as Record<string, unknown>, 'limit', 10);
    const limit = limitText === undefined ? undefined : Number(limitText);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1000))
      throw new HttpError(400, 'limit: expected a whole number from 1 to 1000');
    return readTriggerFires(ctx, project.key, triggerId, { limit });
  });
}
