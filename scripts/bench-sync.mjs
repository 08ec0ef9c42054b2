// Prints what the batched sync costs on the wire, and how it fares against a failing server.
// A benchmark, not a test: it prints figures and asserts nothing. `npm run bench:sync` (`-- --fast` scales backoff waits by 1/20).
// The client is the real one (src/sync, the fetch transport), bundled on the fly; the server is waymark-server
// (embedded PGlite, in memory) with a fault injector in front of its routes, over loopback.

import { performance } from 'node:perf_hooks';
import { createServer } from 'waymark-server';
import { importSource } from './benchSource.mjs';

const fast = process.argv.includes('--fast');
const { createSync, createFetchTransport, createMemoryStorage } = await importSource({
  createSync: 'src/sync/createSync.ts',
  createFetchTransport: 'src/platform/browser/createFetchTransport.ts',
  createMemoryStorage: 'src/platform/createMemoryStorage.ts',
});

// One server for every run; each run has a project of its own. `fault.rate` of requests fail, half before the server
// stored the batch (503), half after (the connection cut: the answer is lost, the client sends the batch again).
const PROJECTS = ['wire_plain', 'wire_gzip', 'flaky'];
const fault = { rate: 0, seed: 42, stats: undefined };
const random = () => {
  fault.seed = (fault.seed * 16807) % 2147483647;
  return fault.seed / 2147483647;
};
const server = await createServer({
  port: 0,
  dataDir: ':memory:',
  logLevel: 'warn',
  rateLimit: false,
  projects: PROJECTS.map((key) => ({ key, secretKey: `sk_${key}_0123456789abcdef` })),
});
const bytesBySocket = new Map();
server.app.server.on('connection', (socket) => bytesBySocket.set(socket, socket));
server.app.addHook('onRequest', async (request, reply) => {
  fault.stats.requests++;
  request.roll = random();
  if (request.roll < fault.rate / 2) {
    fault.stats.failedBefore++;
    return reply.code(503).send({ error: 'injected failure' });
  }
});
server.app.addHook('onSend', async (request, reply, payload) => {
  if (request.url === '/v1/batch' && reply.statusCode === 200)
    fault.stats.duplicates += JSON.parse(String(payload)).duplicates ?? 0;
  if (request.roll >= fault.rate / 2 && request.roll < fault.rate) {
    fault.stats.failedAfter++;
    request.raw.socket.destroy();
  }
  return payload;
});
const url = await server.listen();
/** Bytes the server read from the network, HTTP/1.1 request lines and headers included. */
const bytesIn = () => [...bytesBySocket.keys()].reduce((sum, s) => sum + s.bytesRead, 0);

const event = (i) => ({
  type: 'track',
  name: ['task_completed', 'project_created', 'report_viewed'][i % 3],
  properties: { feature: ['kanban', 'calendar', 'gantt'][i % 3], amount: i % 100 },
  userId: `u_${1000 + (i % 50)}`,
  anonymousId: '3f2a9c1e-7b1d-4c55-9a8e-5d2f6b7c8e90',
  timestamp: new Date(Date.UTC(2026, 10, 2, 9) + i * 1000).toISOString(),
});

async function run({ events, failRate, gzipAbove, projectKey }) {
  fault.rate = failRate;
  fault.stats = { requests: 0, failedBefore: 0, failedAfter: 0, duplicates: 0 };
  const bytesBefore = bytesIn();
  const storage = createMemoryStorage();
  const errors = [];
  const scale = fast ? 0.05 : 1;
  const sync = createSync({
    endpoint: url,
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
  // Done when the server holds every event (the outbox moves its inbox into segments at once, so an empty inbox said
  // nothing: this once waited for it and measured no requests at all), or after 10 minutes.
  const stored = () =>
    server.db.query(
      'select count(*)::int as n, count(distinct id)::int as unique from waymark_events where project_key = $1',
      [projectKey],
    );
  let counted = await stored();
  while (counted[0].unique < events && performance.now() - start < 600_000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    counted = await stored();
  }
  const seconds = (performance.now() - start) / 1000;
  sync.destroy();
  const [{ n, unique }] = counted;
  return { ...fault.stats, stored: n, unique, seconds, bytes: bytesIn() - bytesBefore, errors };
}

const rows = [];
for (const gzipAbove of [undefined, 1024]) {
  const r = await run({ events: 1000, failRate: 0, gzipAbove, projectKey: gzipAbove ? 'wire_gzip' : 'wire_plain' });
  rows.push([
    `1,000 events, healthy server${gzipAbove ? ', gzip over 1 KB' : ''}`,
    `${r.requests} requests per 1,000 events`,
    `${(r.bytes / r.stored).toFixed(0)} bytes on the wire per event (request side, HTTP headers included)`,
  ]);
}
const r = await run({ events: 10_000, failRate: 0.3, projectKey: 'flaky' });
rows.push([
  `10,000 events, server failing 30% of requests${fast ? ' (backoff ×1/20)' : ''}`,
  `${r.stored === 10_000 && r.unique === 10_000 ? 'delivered exactly once' : 'NOT delivered exactly once'}: ${r.unique} of 10,000 stored, ${r.stored - r.unique} twice; ` +
    `${r.requests} requests (${r.failedBefore} failed before storing, ${r.failedAfter} after: ${r.duplicates} events re-sent and deduplicated); ` +
    `${r.seconds.toFixed(1)} s; errors reported: ${r.errors.length}`,
]);
await server.close();
for (const row of rows) console.log(`sync: ${row.join(' · ')}`);
