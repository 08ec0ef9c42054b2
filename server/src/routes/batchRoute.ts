import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ServerContext } from '../context';
import { checkOrigin } from '../http/checkOrigin';
import { HttpError } from '../http/HttpError';
import { authorizeBatch } from '../ingest/authorizeBatch';
import { readEnvelope } from '../ingest/readEnvelope';
import { type IncomingEvent, readEvent } from '../ingest/readEvent';
import { storeBatch } from '../ingest/storeBatch';

/**
 * `POST /v1/batch`: checks each event alone (a bad one is listed in `rejected`, the rest is stored), checks the
 * token, stores the batch with its verification work in one transaction, and answers `{ accepted, duplicates, rejected? }`.
 *
 * @example
 * batchRoute(app, ctx, perProjectLimit);
 */
export function batchRoute(app: FastifyInstance, ctx: ServerContext, limit: preHandlerAsyncHookHandler) {
  app.post('/v1/batch', { preHandler: limit }, async (request) => {
    const envelope = readEnvelope(request.body, ctx.config.maxEvents);
    const project = ctx.project(envelope.projectKey);
    if (!project)
      throw new HttpError(403, `projectKey: no project "${envelope.projectKey.slice(0, 40)}" on this server`);
    checkOrigin(request, project);
    const events: IncomingEvent[] = [];
    const rejected: { id: string; reason: string }[] = [];
    envelope.events.forEach((raw, i) => {
      const event = readEvent(raw);
      if ('reason' in event) {
        const id = (raw as { id?: unknown })?.id;
        rejected.push({ id: typeof id === 'string' ? id.slice(0, 100) : `events[${i}]`, reason: event.reason });
      } else events.push(event);
    });
    const token =
      project.identity === 'none'
        ? ({ problem: 'missing' } as const)
        : await ctx.verifyToken(project, envelope.userToken);
    const auth = authorizeBatch(project, events, token);
    if (!auth.ok)
      throw new HttpError(
        401,
        `identity: this batch names a userId and its token is ${auth.problem === 'missing' ? 'missing' : auth.problem}`,
        {
          headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
        },
      );
    rejected.push(...auth.rejected);
    const stored = await storeBatch(ctx.db, project.key, auth.events, ctx.now());
    if (stored.accepted) ctx.worker.wake();
    return rejected.length
      ? { accepted: stored.accepted, duplicates: stored.duplicates, rejected }
      : { accepted: stored.accepted, duplicates: stored.duplicates };
  });
}
