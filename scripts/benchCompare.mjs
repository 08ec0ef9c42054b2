// What one event costs with the work it defers counted, for waymark's track(), posthog-js's capture() and
// @segment/analytics-next's track(), in one process: happy-dom for the page, fake-indexeddb for IndexedDB, and one
// fetch that answers at once for all three (nothing leaves the machine).
//
// How: events are offered in slices (a number of calls, then the event loop is free for 1 ms) for a few seconds,
// then the libraries get 4 s to finish what they deferred (coalesced writes, batches, retries' timers). Two figures
// per event, each less the same loop with no calls: the main thread's busy time over all of it
// (performance.eventLoopUtilization: the calls, microtasks, timers, IndexedDB's callbacks; what the host's page
// waits for), and the process's CPU time (process.cpuUsage: also GC and compiler threads). The synchronous part (the
// calls alone) is shown beside them. On a loaded machine the busy time includes time the thread was preempted.
// happy-dom has no Web Locks, so waymark's tab cannot tell that it is alone and shares every event with the other tabs
// (a structured clone per event) as a browser tab does while a second tab of the project is open.
import { performance } from 'node:perf_hooks';
import { compareSpaced } from './benchSpaced.mjs';

const SETTLE_MS = 4000;
const RUN_MS = 2000;
const PER_SLICE = 10;
const props = () => ({ feature: 'kanban', amount: 42, plan: 'pro' });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const busyMicros = (since) => performance.eventLoopUtilization(since).active * 1000;
const cpuMicros = (since) => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};

let requests = 0;
async function setUpPage() {
  // Before `window` exists: fake-indexeddb puts itself on `window` when there is one, and the core reads the global.
  await import('fake-indexeddb/auto');
  const { Window } = await import('happy-dom');
  const window = new Window({
    url: 'https://app.example.com/',
    settings: {
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
    },
  });
  const globals = [
    'window',
    'document',
    'navigator',
    'localStorage',
    'sessionStorage',
    'location',
    'screen',
    'history',
  ];
  for (const key of [...globals, 'XMLHttpRequest', 'HTMLElement', 'Element', 'Node', 'CustomEvent', 'MutationObserver'])
    Object.defineProperty(globalThis, key, { value: window[key], configurable: true, writable: true });
  window.indexedDB = globalThis.indexedDB;
  // Every library sends through this: an empty 200 at once.
  const answer = async () => {
    requests++;
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  globalThis.fetch = answer;
  window.fetch = answer;
  window.navigator.sendBeacon = () => {
    requests++;
    return true;
  };
}

/** CPU µs of `slices` slices of the loop with no calls, and of the settling wait: subtracted from each run. */
async function idleCost(slices) {
  const start = process.cpuUsage();
  const busyStart = performance.eventLoopUtilization();
  for (let i = 0; i < slices; i++) await sleep(1);
  const loop = { cpu: cpuMicros(start), busy: busyMicros(busyStart) };
  const settleStart = process.cpuUsage();
  const settleBusy = performance.eventLoopUtilization();
  await sleep(SETTLE_MS);
  return {
    cpuPerSlice: loop.cpu / slices,
    busyPerSlice: loop.busy / slices,
    cpuSettle: cpuMicros(settleStart),
    busySettle: busyMicros(settleBusy),
  };
}

async function measure(name, call) {
  const names = ['event_0', 'event_1', 'event_2', 'event_3'];
  // Warm-up: the JIT, the libraries' first writes.
  for (let i = 0; i < 2000; i++) call(names[i & 3], props());
  await sleep(SETTLE_MS);
  const before = requests;
  const cpuStart = process.cpuUsage();
  const busyStart = performance.eventLoopUtilization();
  const start = performance.now();
  let events = 0;
  let slices = 0;
  let syncMs = 0;
  while (performance.now() - start < RUN_MS) {
    const t0 = performance.now();
    for (let i = 0; i < PER_SLICE; i++) call(names[events++ & 3], props());
    syncMs += performance.now() - t0;
    slices++;
    await sleep(1);
  }
  await sleep(SETTLE_MS);
  const cpu = cpuMicros(cpuStart);
  const busy = busyMicros(busyStart);
  return { name, events, slices, cpu, busy, sync: (syncMs * 1000) / events, requests: requests - before };
}

const ROUNDS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs the three in rounds (waymark's two set-ups, posthog-js, Segment, then the idle loop, in each), so that a slow
 * spell of the machine falls on all of them, and prints µs per event: each one's median over the rounds and its range.
 *
 * @example
 * await compareWithOthers({ createWaymark, definitions: benchDefinitions(200, 10) });
 */
export async function compareWithOthers({ createWaymark, definitions }) {
  await setUpPage();
  // With an endpoint every event is also queued for the backend, as the other two send theirs; without one, the
  // figure the issue measured (the engine, the coalesced write to IndexedDB, the other tabs).
  let run = 0;
  const waymark = async (endpoint) => {
    // A project of its own per run: nothing left in IndexedDB (an outbox, a document) by the run before.
    run++;
    const wm = createWaymark({
      projectKey: `bench-${run}`,
      milestones: definitions,
      stalledAfter: false,
      endpoint,
    });
    await wm.ready;
    const label = endpoint ? 'waymark track(), with an endpoint' : 'waymark track(), local';
    const result = await measure(label, (name, p) => wm.track(name, p));
    wm.destroy();
    return result;
  };
  const posthogModule = await import('posthog-js');
  const posthog = posthogModule.posthog ?? posthogModule.default?.posthog;
  posthog.init('phc_bench', {
    api_host: 'https://ph.example.com',
    autocapture: false,
    capture_pageview: false,
    capture_pageleave: false,
    disable_session_recording: true,
    disable_surveys: true,
    advanced_disable_flags: true,
    // happy-dom's user agent reads as a bot, and posthog drops bots' events; and past 10 events a second it drops
    // them as a client-side rate limit: off, so that every event offered is captured.
    opt_out_useragent_filter: true,
    rate_limiting: { events_per_second: 1e9, events_burst_limit: 1e9 },
    persistence: 'localStorage',
  });
  const { AnalyticsBrowser } = await import('@segment/analytics-next');
  // Settings handed in: nothing is fetched from Segment's CDN.
  const [analytics] = await AnalyticsBrowser.load({
    writeKey: 'wk_bench',
    cdnSettings: { integrations: { 'Segment.io': { apiKey: 'wk_bench' } } },
  });

  const endpoint = 'https://api.example.com/waymark';
  const contenders = [
    () => waymark(),
    () => waymark(endpoint),
    () => measure('posthog-js 1.449 capture()', (name, p) => posthog.capture(name, p)),
    () => measure('@segment/analytics-next 1.84 track()', (name, p) => void analytics.track(name, p)),
  ];
  // Per contender, one entry per round: µs per event (main thread, process CPU, the call alone) and its counts.
  const results = contenders.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const runs = [];
    for (const contender of contenders) runs.push(await contender());
    const idle = await idleCost(Math.max(...runs.map((r) => r.slices)));
    for (const [i, r] of runs.entries())
      results[i].push({
        name: r.name,
        busy: (r.busy - idle.busyPerSlice * r.slices - idle.busySettle) / r.events,
        cpu: (r.cpu - idle.cpuPerSlice * r.slices - idle.cpuSettle) / r.events,
        sync: r.sync,
        events: r.events,
        requests: r.requests,
      });
  }

  console.log(
    `\nµs per event with deferred work counted, less the idle loop (200 definitions, 10 per event; ${PER_SLICE} calls per 1 ms slice); median of ${ROUNDS} rounds [range]`,
  );
  console.log(
    '                                       main thread             process CPU             sync only   events  requests',
  );
  const cell = (rounds, key) => {
    const xs = rounds.map((r) => r[key]);
    return `${median(xs).toFixed(2).padStart(7)} [${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}]`.padEnd(
      22,
    );
  };
  for (const rounds of results)
    console.log(
      `${rounds[0].name.padEnd(38)} ${cell(rounds, 'busy')}  ${cell(rounds, 'cpu')}  ${median(rounds.map((r) => r.sync))
        .toFixed(2)
        .padStart(
          9,
        )}  ${String(median(rounds.map((r) => r.events))).padStart(7)}  ${String(median(rounds.map((r) => r.requests))).padStart(8)}`,
    );
  const mainThread = (i) => median(results[i].map((r) => r.busy));
  const [posthogCost, segmentCost] = [mainThread(2), mainThread(3)];
  for (const [label, i] of [
    ['local', 0],
    ['with an endpoint', 1],
  ])
    console.log(
      `main-thread ratios (medians of the same rounds), waymark ${label}: posthog-js ${(posthogCost / mainThread(i)).toFixed(1)}x, Segment ${(segmentCost / mainThread(i)).toFixed(1)}x`,
    );
  // Each round's own ratio, so that the spread of the headline figure shows too.
  const perRound = results[0].map((r, i) => (results[2][i].busy / r.busy).toFixed(1)).join(', ');
  console.log(`posthog-js over waymark local, round by round: ${perRound}`);

  // The same three, one call at a time after a pause, as an app's clicks call them.
  const wm = createWaymark({ projectKey: 'bench-spaced', milestones: definitions, stalledAfter: false });
  await wm.ready;
  await compareSpaced([
    { name: 'waymark track(), local', call: (name, p) => wm.track(name, p) },
    { name: 'posthog-js capture()', call: (name, p) => posthog.capture(name, p) },
    { name: 'Segment track()', call: (name, p) => void analytics.track(name, p) },
  ]);
  wm.destroy();
}
