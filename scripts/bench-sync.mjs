// Prints what the batched sync costs on the wire, and how it fares against a failing server.
// A benchmark, not a test: it prints figures and asserts nothing. `npm run bench:sync` (`-- --fast` scales backoff waits by 1/20).
// The client is the real one (src/sync, the fetch transport), bundled on the fly; the server is the reference backend
// (examples/server, embedded PGlite) behind a fault injector, over loopback.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createApp, openDatabase } from '../examples/server/index.mjs';

const fast = process.argv.includes('--fast');
const bundle = await build({
  stdin: {
    contents: "export { createSync } from './src/sync/createSync.ts'; export { createFetchTransport } from './src/browser/createFetchTransport.ts';",
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  logLevel: 'silent',
});
const { createSync, createFetchTransport } = await import('data:text/javascript;base64,' + Buffer.from(bundle.outputFiles[0].text).toString('base64'));

const db = await openDatabase();
const app = createApp({ db });

/** The reference server behind a fault injector: `failRate` of requests fail, half before the server stored the batch (503), half after (connection cut, answer lost). */
async function serve(failRate, seed = 42) {
  let state = seed;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const stats = { requests: 0, failedBefore: 0, failedAfter: 0, duplicates: 0 };
  const sockets = new Set();
  const server = createServer((req, res) => {
    stats.requests++;
    const roll = random();
    if (roll < failRate / 2) {
      stats.failedBefore++;
      req.resume();
      return void res.writeHead(503).end();
    }
    const end = res.end.bind(res);
    res.end = (body) => {
      if (body) stats.duplicates += JSON.parse(body).duplicates ?? 0;
      if (roll < failRate) {
        stats.failedAfter++;
        res.socket.destroy();
        return res;
      }
      return end(body);
    };
    app.handle(req, res);
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stats,
    /** Bytes the server read from the network, HTTP/1.1 request lines and headers included. */
    bytesIn: () => [...sockets].reduce((sum, s) => sum + s.bytesRead, 0),
    close: () => new Promise((resolve) => (server.close(resolve), server.closeAllConnections())),
  };
}

const memory = () => {
  const map = new Map();
  return {
    map,
    get: async (k) => structuredClone(map.get(k)),
    set: async (k, v) => void map.set(k, structuredClone(v)),
    del: async (k) => void map.delete(k),
    setIfAbsent: async (k, v) => !map.has(k) && !!map.set(k, v),
    update: async (k, fn) => void map.set(k, structuredClone(fn(structuredClone(map.get(k))))),
  };
};

const event = (i) => ({
  type: 'track',
  name: ['task_completed', 'project_created', 'report_viewed'][i % 3],
  properties: { feature: ['kanban', 'calendar', 'gantt'][i % 3], amount: i % 100 },
  userId: `u_${1000 + (i % 50)}`,
  anonymousId: '3f2a9c1e-7b1d-4c55-9a8e-5d2f6b7c8e90',
  timestamp: new Date(Date.UTC(2026, 10, 2, 9) + i * 1000).toISOString(),
});

async function run({ events, failRate, gzipAbove, label }) {
  const server = await serve(failRate);
  const projectKey = `bench_${label.replace(/\W+/g, '_')}_${Date.now()}`;
  const storage = memory();
  const errors = [];
  const scale = fast ? 0.05 : 1;
  const sync = createSync({
    endpoint: server.url,
    projectKey,
    storage,
    transport: createFetchTransport({ gzipAbove }),
    now: Date.now,
    consent: 'granted',
    report: (e) => errors.push(e),
    retryBase: 1000 * scale,
    retryCap: 60_000 * scale,
  });
  const start = performance.now();
  for (let i = 0; i < events; i++) sync.enqueue(event(i));
  await sync.persist();
  const key = `wm:${projectKey}:outbox`;
  while (storage.map.get(key)?.length) await new Promise((resolve) => setTimeout(resolve, 20));
  const seconds = (performance.now() - start) / 1000;
  sync.destroy();
  const [{ n, unique }] = await db.query(
    'select count(*)::int as n, count(distinct id)::int as unique from waymark_events where project_key = $1',
    [projectKey],
  );
  await server.close();
  return { ...server.stats, stored: n, unique, seconds, bytes: server.bytesIn(), errors };
}

const rows = [];
for (const gzipAbove of [undefined, 1024]) {
  const r = await run({ events: 1000, failRate: 0, gzipAbove, label: `wire ${gzipAbove ?? 'plain'}` });
  rows.push([
    `1,000 events, healthy server${gzipAbove ? ', gzip over 1 KB' : ''}`,
    `${r.requests} requests per 1,000 events`,
    `${(r.bytes / r.stored).toFixed(0)} bytes on the wire per event (request side, HTTP headers included)`,
  ]);
}
const r = await run({ events: 10_000, failRate: 0.3, label: 'flaky' });
rows.push([
  `10,000 events, server failing 30% of requests${fast ? ' (backoff ×1/20)' : ''}`,
  `${r.stored === 10_000 && r.unique === 10_000 ? 'delivered exactly once' : 'NOT delivered exactly once'}: ${r.unique} of 10,000 stored, ${r.stored - r.unique} twice; ` +
    `${r.requests} requests (${r.failedBefore} failed before storing, ${r.failedAfter} after: ${r.duplicates} events re-sent and deduplicated); ` +
    `${r.seconds.toFixed(1)} s; errors reported: ${r.errors.length}`,
]);
await db.close();
for (const row of rows) console.log(`sync: ${row.join(' · ')}`);
