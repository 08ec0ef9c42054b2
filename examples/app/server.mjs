// One origin for the example app and its backend: the app's static files, and the reference backend's
// /v1/batch and /v1/state (examples/server) on embedded PGlite. Same origin means no CORS, and the page's
// strict Content-Security-Policy (default-src 'self', sent as a header) allows the sync as it is.
// Used by `npm run demo` (scripts/demo.mjs) and the end-to-end tests (test/e2e).
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, openDatabase } from '../server/index.mjs';

export const CSP = "default-src 'self'";
const ROOT = fileURLToPath(new URL('.', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.map': 'application/json' };
// What the browser may fetch: the page, its styles, its bundle. Not the sources or this file.
const PUBLIC = /^\/(index\.html|styles\.css|favicon\.svg|milestones\.json|dist\/[\w.-]+)$/;

const serveFile = (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/$/, '/index.html');
  const file = normalize(join(ROOT, path));
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !PUBLIC.test(path) || !file.startsWith(ROOT) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
};

const listen = (server, port, host, tries) =>
  new Promise((resolve, reject) => {
    const fail = (error) => {
      server.off('listening', ok);
      // The port is taken (another demo, a Vite dev server): try the next one.
      if (error.code === 'EADDRINUSE' && port !== 0 && tries > 1) resolve(listen(server, port + 1, host, tries - 1));
      else reject(error);
    };
    const ok = () => {
      server.off('error', fail);
      resolve(server.address().port);
    };
    server.once('error', fail).once('listening', ok).listen(port, host);
  });

/**
 * Starts the example app and the reference backend on one origin.
 *
 * @example
 * const demo = await startDemo({ port: 0, dataDir: '/tmp/demo-data' });
 * console.log(demo.url); // http://127.0.0.1:40123/
 * await demo.db.query('select count(*)::int as n from waymark_events');
 * await demo.close();
 *
 * @param {{ port?: number, host?: string, dataDir?: string, onBatch?: (result: { accepted: number, duplicates: number }) => void }} [options]
 *   `port`: the first port to try (the next ones when it is taken; 0 for any free port); `dataDir`: where PGlite keeps its
 *   files (in memory without one); `onBatch`: told the backend's answer to each stored batch.
 */
export async function startDemo({ port = 5173, host = '127.0.0.1', dataDir, onBatch } = {}) {
  for (const [file, name] of [['../../dist/index.js', 'dist/index.js'], ['dist/main.js', 'examples/app/dist/main.js']])
    if (!existsSync(new URL(file, import.meta.url))) throw new Error(`${name} is missing: run \`npm run demo\`, which builds first`);
  const { createWaymark } = await import('../../dist/index.js');
  const definitions = JSON.parse(readFileSync(join(ROOT, 'milestones.json'), 'utf8'));
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await openDatabase({ dataDir });
  // No `origins`: the app is on this origin and needs no CORS, so no other site's page may read the answers.
  const app = createApp({ db, definitions, createWaymark });

  const server = createServer((req, res) => {
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith('/v1/') && path !== '/health') return serveFile(req, res);
    if (onBatch && req.method === 'POST' && path === '/v1/batch') {
      // The backend's answer, { accepted, duplicates }, for the caller's log or tests.
      const end = res.end.bind(res);
      res.end = (body, ...rest) => {
        try {
          if (res.statusCode === 200 && body) onBatch(JSON.parse(String(body)));
        } catch {
          // a logging hook must not break the answer
        }
        return end(body, ...rest);
      };
    }
    app.handle(req, res);
  });
  server.requestTimeout = 30_000;
  const actual = await listen(server, port, host, 20).catch(async (error) => {
    await db.close();
    throw error;
  });
  return {
    url: `http://${host}:${actual}/`,
    db,
    app,
    /** Stops taking requests, waits for verification in progress, closes the database. */
    async close() {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
      await app.idle();
      await db.close();
    },
  };
}
