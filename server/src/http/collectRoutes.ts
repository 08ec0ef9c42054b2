import type { FastifyInstance } from 'fastify';

/** One route the server answers: a method and its URL pattern, as Fastify registered it. */
export interface RouteEntry {
  method: string;
  url: string;
}

/**
 * Keeps every route registered on `app` from now on, in its plugins too (Fastify's `onRoute` hook): the HEAD routes
 * Fastify adds for GETs, the CORS preflight and the dashboard's static files included. Call before any route is added.
 *
 * @example
 * const routes = collectRoutes(app);
 * app.get('/health', handler);
 * routes; // [{ method: 'GET', url: '/health' }, { method: 'HEAD', url: '/health' }]
 */
export function collectRoutes(app: FastifyInstance): RouteEntry[] {
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  return routes;
}
