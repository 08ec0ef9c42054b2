// Prints what track() costs on the host's main thread, and how many storage writes a burst of events causes; then
// what an event costs with the work it defers counted (microtasks, timers, the coalesced write, the request),
// beside posthog-js capture() and @segment/analytics-next track() in the same process (happy-dom, fake-indexeddb).
// A benchmark, not a test: it prints figures and asserts nothing.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { createWaymark } from '../dist/index.js';
import { compareWithOthers } from './benchCompare.mjs';
import { benchDefinitions } from './benchDefinitions.mjs';

const countingStorage = () => {
  const map = new Map();
  const storage = {
    writes: 0,
    get: async (k) => map.get(k),
    set: async (k, v) => {
      storage.writes++;
      map.set(k, structuredClone(v));
    },
    del: async (k) => void map.delete(k),
    setIfAbsent: async (k, v) => {
      if (map.has(k)) return false;
      map.set(k, v);
      return true;
    },
  };
  return storage;
};

const definitions = benchDefinitions;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// With an endpoint every event is also queued for the backend; the transport answers at once.
const okTransport = async (req) => ({
  status: 200,
  header: () => null,
  json: async () => (req.method === 'GET' ? { achieved: {} } : {}),
});

async function trackCost(n, endpoint, perEvent = 1) {
  const sync = endpoint ? { endpoint: 'https://api.example.com/waymark', transport: okTransport } : {};
  const wm = createWaymark({
    projectKey: 'bench',
    storage: countingStorage(),
    milestones: definitions(n, perEvent),
    stalledAfter: false,
    ...sync,
  });
  await wm.ready;
  // One definition per event: the tracked event feeds the milestones on event_1 and event_2 (the rule types with
  // filters and windows are elsewhere). With `perEvent` 10, each of the four events feeds ten, of every rule type.
  const names =
    perEvent > 1 ? ['event_0', 'event_1', 'event_2', 'event_3'] : ['event_1', 'event_2', 'event_3', 'event_4'];
  const props = { feature: 'kanban', amount: 42, plan: 'pro' };
  const perBatch = [];
  const batch = 1000;
  for (let round = 0; round < 600; round++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) wm.track(names[i & 3], props);
    const us = ((performance.now() - t0) * 1000) / batch;
    if (round >= 100) perBatch.push(us); // the first rounds warm the JIT up
    // A host app yields between bursts; timers (coalesced writes, the sync's batches) run then, untimed.
    await new Promise((r) => setImmediate(r));
  }
  wm.destroy();
  const sorted = [...perBatch].sort((a, b) => a - b);
  return {
    n: `${n}${perEvent > 1 ? `, ${perEvent} per event` : ''}${endpoint ? ' + sync' : ''}`,
    median: median(perBatch),
    p99: sorted[Math.floor(sorted.length * 0.99)],
    max: sorted.at(-1),
  };
}

async function writesPerSecond() {
  const storage = countingStorage();
  const wm = createWaymark({ projectKey: 'bench', storage, milestones: definitions(200), stalledAfter: false });
  await wm.ready;
  storage.writes = 0;
  const seconds = 3;
  const start = performance.now();
  let sent = 0;
  // 10,000 events a second, paced in 1 ms slices with the event loop free in between (timers must get their turn).
  while (performance.now() - start < seconds * 1000) {
    const due = Math.floor((performance.now() - start) * 10);
    for (; sent < due; sent++) wm.track('event_1', { amount: 1 });
    await new Promise((r) => setTimeout(r, 1));
  }
  const elapsed = (performance.now() - start) / 1000;
  await wm.flush();
  wm.destroy();
  return { events: sent, seconds: elapsed, writes: storage.writes, perSecond: storage.writes / elapsed };
}

console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (1, 5, 15 min; ${os.cpus().length} cores)`,
);
console.log('track() cost per event (Node', `${process.version}, one core, properties { feature, amount, plan })`);
console.log('        definitions  median µs   p99 µs   max µs (batches of 1,000 events)');
for (const [n, endpoint, perEvent] of [[10], [200], [2000], [200, true], [200, false, 10]]) {
  const r = await trackCost(n, endpoint, perEvent);
  console.log(
    `${String(r.n).padStart(19)}  ${r.median.toFixed(3).padStart(9)}  ${r.p99.toFixed(3).padStart(7)}  ${r.max.toFixed(3).padStart(7)}`,
  );
}
const w = await writesPerSecond();
console.log(
  `persistence: ${w.events} events in ${w.seconds.toFixed(2)} s (${Math.round(w.events / w.seconds)}/s) -> ${w.writes} writes, ${w.perSecond.toFixed(1)} writes/s`,
);

await compareWithOthers({ createWaymark, definitions: definitions(200, 10) });
console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (1, 5, 15 min; ${os.cpus().length} cores)`,
);
