import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Project } from '../config/readConfig';
import type { ServerContext } from '../context';
import { HttpError } from '../http/HttpError';
import { stringProblem } from '../ingest/checkValue';
import { enableEndpoint } from './enableEndpoint';
import { DELIVERY_STATUSES, type DeliveryFilter, type DeliveryStatus, listDeliveries } from './listDeliveries';
import { listEndpoints } from './listEndpoints';
import { EVENT_TYPES, endpointId } from './readWebhooks';
import { retryDelivery } from './retryDelivery';

const ID = /^[1-9][0-9]{0,17}$/;

const text = (query: Record<string, unknown>, name: string) => {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 2000 || stringProblem(value))
    throw new HttpError(400, `${name}: expected one string of at most 2000 characters`);
  return value;
};

const deliveryId = (request: FastifyRequest) => {
  const { id } = request.params as { id: string };
  if (!ID.test(id)) throw new HttpError(400, 'id: expected a delivery id (a positive whole number)');
  return Number(id);
};

/** `?status=&endpoint=&accountId=&userId=&type=&before=&limit=`, checked. `endpoint` is an endpoint id or its URL. */
const readFilter = (query: Record<string, unknown>): DeliveryFilter => {
  const status = text(query, 'status');
  if (status !== undefined && !DELIVERY_STATUSES.includes(status as DeliveryStatus))
    throw new HttpError(400, `status: expected one of ${DELIVERY_STATUSES.join(', ')}`);
  const type = text(query, 'type');
  if (type !== undefined && !EVENT_TYPES.includes(type as never))
    throw new HttpError(400, `type: expected one of ${EVENT_TYPES.join(', ')}`);
  const endpoint = text(query, 'endpoint');
  const before = text(query, 'before');
  if (before !== undefined && !ID.test(before))
    throw new HttpError(400, 'before: expected the `next` of the page before');
  const limit = text(query, 'limit') ?? '50';
  if (!/^[0-9]{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > 200)
    throw new HttpError(400, 'limit: expected 1 to 200');
  return {
    status: status as DeliveryStatus | undefined,
    type,
    endpointId: endpoint === undefined ? undefined : endpoint.startsWith('ep_') ? endpoint : endpointId(endpoint),
    accountId: text(query, 'accountId'),
    userId: text(query, 'userId'),
    before: before === undefined ? undefined : Number(before),
    limit: Number(limit),
  };
};

/**
 * The webhook admin API, registered inside the admin routes (Bearer secret key):
 * `GET /v1/admin/webhooks/deliveries` (the log, filtered and paginated, with the disabled endpoints),
 * `GET /v1/admin/webhooks/deliveries/:id`, `POST /v1/admin/webhooks/deliveries/:id/retry` (202: one more attempt, now),
 * `GET /v1/admin/webhooks/endpoints` (each endpoint's health), `POST /v1/admin/webhooks/endpoints/:id/enable`.
 *
 * @example
 * await webhookRoutes(app, ctx);
 */
export async function webhookRoutes(app: FastifyInstance, ctx: ServerContext) {
  const one = async (project: Project, id: number) => {
    const { deliveries } = await listDeliveries(ctx.db, project.key, project.webhooks, { id, limit: 1 });
    if (!deliveries.length) throw new HttpError(404, `id: no delivery ${id} in this project`);
    return deliveries[0];
  };

  app.get('/v1/admin/webhooks/deliveries', async (request) => {
    const project = request.adminProject!;
    const filter = readFilter((request.query ?? {}) as Record<string, unknown>);
    const page = await listDeliveries(ctx.db, project.key, project.webhooks, filter);
    const endpoints = await listEndpoints(ctx.db, project.key, project.webhooks);
    const disabled = endpoints
      .filter((e) => e.status === 'disabled')
      .map(({ id, url, disabledAt, disabledReason }) => ({ id, url, disabledAt, disabledReason }));
    return { ...page, disabledEndpoints: disabled };
  });

  app.get('/v1/admin/webhooks/deliveries/:id', async (request) => one(request.adminProject!, deliveryId(request)));

  app.post('/v1/admin/webhooks/deliveries/:id/retry', async (request, reply) => {
    const project = request.adminProject!;
    const id = deliveryId(request);
    if (!(await retryDelivery(ctx.db, ctx.queue, project.key, id, Date.now())))
      throw new HttpError(404, `id: no delivery ${id} in this project`);
    ctx.worker.wake();
    reply.code(202);
    return one(project, id);
  });

  app.get('/v1/admin/webhooks/endpoints', async (request) => ({
    endpoints: await listEndpoints(ctx.db, request.adminProject!.key, request.adminProject!.webhooks),
  }));

  app.post('/v1/admin/webhooks/endpoints/:id/enable', async (request) => {
    const project = request.adminProject!;
    const { id } = request.params as { id: string };
    if (!project.webhooks.some((e) => e.id === id))
      throw new HttpError(404, `id: no endpoint ${String(id).slice(0, 40)} in this project's configuration`);
    await enableEndpoint(ctx.db, project.key, id);
    ctx.log.warn({ project: project.key, endpoint: id }, 'webhook endpoint enabled again through the admin API');
    const endpoints = await listEndpoints(ctx.db, project.key, project.webhooks);
    return endpoints.find((e) => e.id === id);
  });
}
