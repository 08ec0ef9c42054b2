// What one batch costs the sending tab while a backlog waits, at 10, 1,000 and 10,000 events waiting: storage
// operations, bytes cloned (read and written), and µs per batch. A benchmark, not a test: it prints figures and
// asserts nothing. `npm run bench:backlog` (options: --batches=200 --runs=3 --backlogs=10,1000,10000 --map-only). µs per batch is the median wall time
// between two requests; CPU µs per batch the process's CPU time over all the batches, per batch (GC included).
// The client is the real one (src/sync with its outbox), bundled on the fly, on two storages: a Map that clones like
// IndexedDB does, and fake IndexedDB through the client's own IndexedDB storage. The backlog is queued while nothing
// may be sent, then the next page sends; each request is answered at once and brings 20 new events (as a page
// tracking 10,000 a second would), so the backlog stays where it was while the batches are measured.
import 'fake-indexeddb/auto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { importSource } from './benchSource.mjs';

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const BATCHES = arg('batches', 200);
const RUNS = arg('runs', 3);
const only = process.argv.find((a) => a.startsWith('--backlogs='));
const BACKLOGS = only ? only.slice(11).split(',').map(Number) : [10, 1_000, 10_000];

const { createSync, createIdbStorage, createMemoryStorage } = await importSource({
  createSync: 'src/sync/createSync.ts',
  createIdbStorage: 'src/platform/browser/createIdbStorage.ts',
  createMemoryStorage: 'src/platform/createMemoryStorage.ts',
});

let dbCount = 0;
const storages = {
  'Map, cloning': createMemoryStorage,
  'fake IndexedDB': () =>
    createIdbStorage({ dbName: `bench-backlog-${process.pid}-${dbCount++}`, onFallback: (r) => console.error(r) }),
};
if (process.argv.includes('--map-only')) delete storages['fake IndexedDB'];

const size = (value) => (value === undefined ? 0 : JSON.stringify(value).length);
/** `inner` with its operations counted: writes (set, setIfAbsent, update, del) and the bytes every value cloned. */
const counted = (inner, total) => ({
  get: async (k) => {
    const value = await inner.get(k);
    total.bytes += size(value);
    return value;
  },
  set: (k, v) => {
    total.writes++;
    total.bytes += size(v);
    return inner.set(k, v);
  },
  del: (k) => {
    total.writes++;
    return inner.del(k);
  },
  setIfAbsent: (k, v) => {
    total.writes++;
    total.bytes += size(v);
    return inner.setIfAbsent(k, v);
  },
  update: (k, fn) => {
    total.writes++;
    return inner.update(k, (old) => {
      const value = fn(old);
      total.bytes += size(old) + size(value);
      return value;
    });
  },
  keys: async () => inner.keys(),
});

const event = (i) => ({
  type: 'track',
  name: 'task_completed',
  properties: { feature: ['kanban', 'calendar', 'gantt'][i % 3], amount: i % 100 },
  anonymousId: '3f2a9c1e7b1d4c559a8e5d2f6b7c8e90',
  timestamp: new Date(Date.UTC(2026, 10, 2, 9) + i * 1000).toISOString(),
});

/** Sends BATCHES batches with `backlog` events waiting; answers per batch: writes, bytes, µs (medians). */
async function measure(makeStorage, backlog, count) {
  const total = { writes: 0, bytes: 0 };
  const inner = makeStorage();
  const storage = count ? counted(inner, total) : inner;
  const options = {
    endpoint: 'https://api.example.com/waymark',
    projectKey: 'pk_bench',
    storage,
    now: Date.now,
    maxQueue: 100_000,
    report: (e) => console.error(e.code, e.message),
  };
  let n = 0;
  const queueing = createSync({ ...options, consent: 'pending', transport: async () => ({ status: 500 }) });
  for (; n < backlog + 20; n++) queueing.enqueue(event(n));
  await queueing.persist();
  queueing.destroy();

  const rows = [];
  let last;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  let sending;
  const transport = async () => {
    const cpu = process.cpuUsage();
    const now = { ...total, at: performance.now(), cpu: cpu.user + cpu.system };
    // The first request follows the read that took the backlog over: the batches are measured after it.
    if (last)
      rows.push({
        writes: now.writes - last.writes,
        bytes: now.bytes - last.bytes,
        us: (now.at - last.at) * 1000,
        cpu: now.cpu - last.cpu,
      });
    last = now;
    if (rows.length === BATCHES) {
      sending.setConsent('pending');
      done();
    } else for (let i = 0; i < 20; i++) sending.enqueue(event(n++));
    return { status: 200, header: () => null, json: async () => ({}) };
  };
  sending = createSync({ ...options, consent: 'granted', transport });
  await finished;
  sending.destroy();
  const median = (key) => rows.map((r) => r[key]).sort((a, b) => a - b)[rows.length >> 1];
  const mean = (key) => rows.reduce((sum, r) => sum + r[key], 0) / rows.length;
  return { writes: median('writes'), bytes: median('bytes'), us: median('us'), cpu: mean('cpu') };
}

console.log(
  `backlog: per batch of 20 with events waiting (20 more arrive per batch), median of ${BATCHES} batches; ` +
    `µs: median of ${RUNS} runs without counting, the CPU time a mean over the batches; load average ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores`,
);
console.log('storage           waiting   writes/batch   KB cloned/batch   µs/batch   CPU µs/batch');
for (const [name, makeStorage] of Object.entries(storages))
  for (const backlog of BACKLOGS) {
    const c = await measure(makeStorage, backlog, true);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(makeStorage, backlog, false));
    const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[runs.length >> 1];
    console.log(
      `${name.padEnd(16)} ${backlog.toLocaleString('en').padStart(8)}   ${String(c.writes).padStart(12)}   ${(c.bytes / 1024).toFixed(1).padStart(15)}   ${median('us').toFixed(0).padStart(8)}   ${median('cpu').toFixed(0).padStart(12)}`,
    );
  }
console.log(`load average ${os.loadavg()[0].toFixed(2)}`);
process.exit(0);
