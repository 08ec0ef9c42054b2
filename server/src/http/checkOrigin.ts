import type { FastifyRequest } from 'fastify';
import type { Project } from '../config/readConfig';
import { HttpError } from './HttpError';

/**
 * Refuses a browser request from an origin the project does not list. CORS alone only stops a page from *reading* the
 * answer; a `text/plain` POST would still be stored, so the check happens here, before anything is. Requests without
 * an `Origin` (servers, curl) and from the server's own origin (an app served beside the API) pass.
 *
 * @example
 * checkOrigin(request, project); // throws HttpError(403) for https://evil.example
 */
export function checkOrigin(request: FastifyRequest, project: Pick<Project, 'origins' | 'key'>) {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  if (project.origins.includes(origin)) return;
  if (origin === `${request.protocol}://${request.host}`) return;
  throw new HttpError(403, `origin: ${origin} may not call project ${project.key} (add it to the project's origins)`);
}
