// How fast a backlog drains: 10,000 events queued while the client could not send (consent pending, offline, a
// closed tab), then sent. A benchmark, not a test: it prints figures and asserts nothing. `npm run bench:drain`.
// The client is the real one (src/sync with its outbox, the fetch transport), bundled on the fly, on two storages:
// a Map that clones like IndexedDB does, and fake IndexedDB through the client's own IndexedDB storage (idb-keyval).
// The receivers, over loopback: a bare node:http one answering { accepted, duplicates } (what the client alone costs),
// and waymark-server (server/, PGlite in memory) when it is built and `--bare` is not given.
// Options: --events=10000 --runs=3 --bare. Prints the machine's load average: the figures are wall-clock rates.
import 'fake-indexeddb/auto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { importSource } from './benchSource.mjs';

const EVENTS = Number(process.argv.find((a) => a.startsWith('--events='))?.slice(9) ?? 10_000);
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
// --bare: the bare receiver only (waymark-server's own cost per batch, PGlite's inserts, dominates its rows).
const BARE = process.argv.includes('--bare');

const { createSync, createFetchTransport, createIdbStorage, createMemoryStorage } = await importSource({
  createSync: 'src/sync/createSync.ts',
  createFetchTransport: 'src/platform/browser/createFetchTransport.ts',
  createIdbStorage: 'src/platform/browser/createIdbStorage.ts',
  createMemoryStorage: 'src/platform/createMemoryStorage.ts',
});

let dbCount = 0;
const storages = {
  'Map, cloning': createMemoryStorage,
  'fake IndexedDB': () =>
    createIdbStorage({
      dbName: `bench-drain-${process.pid}-${dbCount++}`,
      onFallback: (r) => console.error('fallback', r),
    }),
};

/** The bare receiver: stores ids once, answers like the protocol says. */
async function bareReceiver() {
  const ids = new Set();
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    let accepted = 0;
    for (const e of JSON.parse(body).events) {
      if (ids.has(e.id)) continue;
      ids.add(e.id);
      accepted++;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ accepted, duplicates: JSON.parse(body).events.length - accepted }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stored: () => ids.size,
    projectKey: 'pk_bench',
    close: () => new Promise((r) => server.close(r)),
  };
}

/** waymark-server in memory, identity optional, no rate limit: its /v1/batch as the client meets it. */
async function waymarkServer() {
  const { createServer: createWaymarkServer } = await import('../server/dist/index.js');
  const projectKey = 'pk_bench';
  const server = await createWaymarkServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    rateLimit: false,
    projects: [
      {
        key: projectKey,
        secretKey: 'sk_bench_0123456789abcdef',
        definitions: { milestones: [{ id: 'm', title: 'M', rule: { event: 'task_completed', count: 1000000 } }] },
      },
    ],
  });
  await server.listen();
  // Counted from the batch answers the client's transport sees.
  let stored = 0;
  return {
    url: server.url.replace(/\/$/, ''),
    projectKey,
    add: (n) => (stored += n),
    stored: () => stored,
    close: () => server.close(),
  };
}

const event = (i) => ({
  type: 'track',
  name: 'task_completed',
  properties: { feature: ['kanban', 'calendar', 'gantt'][i % 3], amount: i % 100 },
  anonymousId: '3f2a9c1e7b1d4c559a8e5d2f6b7c8e90',
  timestamp: new Date(Date.UTC(2026, 10, 2, 9) + i * 1000).toISOString(),
});

async function drain(makeStorage, receiver) {
  const storage = makeStorage();
  const base = createFetchTransport();
  // Counts what the receiver acknowledged, for receivers with no count of their own.
  const transport = async (req) => {
    const res = await base(req);
    if (req.method === 'POST' && res.status === 200 && receiver.add) {
      const body = await res.json();
      receiver.add(body.accepted + body.duplicates);
    }
    return res;
  };
  const options = {
    endpoint: receiver.url,
    projectKey: receiver.projectKey,
    storage,
    transport,
    now: Date.now,
    report: (e) => console.error(e.code, e.message),
  };
  // The backlog: queued and written while nothing may be sent, as a page with consent pending leaves it.
  const queueing = createSync({ ...options, consent: 'pending' });
  for (let i = 0; i < EVENTS; i++) queueing.enqueue(event(i));
  await queueing.persist();
  queueing.destroy();
  const before = receiver.stored();
  // The next page: it finds the backlog and sends it.
  const start = performance.now();
  const cpu = process.cpuUsage();
  const sending = createSync({ ...options, consent: 'granted' });
  while (receiver.stored() - before < EVENTS) await new Promise((resolve) => setTimeout(resolve, 2));
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  sending.destroy();
  // CPU time of this process (client and receiver together) per 1,000 events: steadier than wall time on a busy machine.
  return { rate: EVENTS / seconds, cpuMs: (used.user + used.system) / 1000 / (EVENTS / 1000) };
}

const receivers = [['node:http receiver', bareReceiver]];
if (BARE) console.log('drain: --bare: measuring the bare receiver only');
else if (existsSync('server/dist/index.js')) receivers.push(['waymark-server (PGlite in memory)', waymarkServer]);
else console.log('drain: waymark-server is not built (npm run build): measuring the bare receiver only');

console.log(
  `drain: ${EVENTS.toLocaleString('en')} queued events, batches of 20, median of ${RUNS} runs; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
);
for (const [receiverName, makeReceiver] of receivers) {
  for (const [storageName, makeStorage] of Object.entries(storages)) {
    const receiver = await makeReceiver();
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await drain(makeStorage, receiver));
    await receiver.close();
    const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const rates = runs.map((r) => r.rate);
    console.log(
      `drain: ${receiverName}, ${storageName}: ${Math.round(median([...rates])).toLocaleString('en')} events/s ` +
        `(runs: ${rates.map((r) => Math.round(r)).join(', ')}); CPU ${median(runs.map((r) => r.cpuMs)).toFixed(0)} ms per 1,000 events`,
    );
  }
}
process.exit(0);
