import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ServerContext } from '../context';
import { checkOrigin } from '../http/checkOrigin';
import { HttpError } from '../http/HttpError';
import { stringProblem } from '../ingest/checkValue';
import { readState } from '../state/readState';

const param = (query: Record<string, unknown>, name: string): string | undefined => {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 200)
    throw new HttpError(400, `${name}: expected a string of 1 to 200 characters`);
  const problem = stringProblem(value);
  if (problem) throw new HttpError(400, `${name}: ${problem}`);
  return value;
};

/** The bearer token of a request, if it has one. */
export const bearer = (header: string | undefined) => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];

/**
 * `GET /v1/state?projectKey=&userId=&anonymousId=`: the verified state. With `identity: 'required'`, a `userId` needs
 * `Authorization: Bearer <token>` for that user (else 401); an anonymous device is read with its id alone.
 *
 * @example
 * stateRoute(app, ctx, perProjectLimit);
 */
export function stateRoute(app: FastifyInstance, ctx: ServerContext, limit: preHandlerAsyncHookHandler) {
  app.get('/v1/state', { preHandler: limit }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const projectKey = param(query, 'projectKey');
    if (!projectKey) throw new HttpError(400, 'projectKey: required');
    const userId = param(query, 'userId');
    const anonymousId = param(query, 'anonymousId');
    if (!userId && !anonymousId) throw new HttpError(400, 'anonymousId: required (or userId)');
    const project = ctx.project(projectKey);
    if (!project) throw new HttpError(403, `projectKey: no project "${projectKey.slice(0, 40)}" on this server`);
    checkOrigin(request, project);
    if (userId && project.identity === 'required') {
      const result = await ctx.verifyToken(project, bearer(request.headers.authorization));
      const problem =
        'problem' in result
          ? `its token is ${result.problem}`
          : result.proof.userId !== userId
            ? 'the token proves another user'
            : undefined;
      if (problem)
        throw new HttpError(401, `identity: reading a userId's state needs a valid token for it; ${problem}`, {
          headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
        });
    }
    reply.header('cache-control', 'no-store');
    return readState(ctx, project.key, { userId, anonymousId });
  });
}
