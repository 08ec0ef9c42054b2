// Prints what waymark-server costs: ingestion throughput, the verification of one batch for a light and a heavy user,
// /health while work is verified, and /v1/state latency with a million stored events.
// A benchmark, not a test: it prints figures and asserts nothing. `npm run bench:server` (after `npm run build`);
// with DATABASE_URL set it runs on that PostgreSQL too (in a schema of its own, dropped after); --postgres-only skips PGlite; --ingest-only runs only the ingestion-alone figures.
// The server runs in this process (its job timings come from its debug log); the load comes from a worker thread,
// so that the client's own work never stalls the server's event loop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { createServer, signUserToken } from 'waymark-server';

const SECRET = 'bench-identity-secret-0123456789-abcdef';
const USERS = 1000;
const quick = process.argv.includes('--quick');
// --postgres-only: skip PGlite (with DATABASE_URL set).
const postgresOnly = process.argv.includes('--postgres-only');
// --ingest-only: only the ingestion-alone figures (ingestOnly below).
const ingestOnlyRun = process.argv.includes('--ingest-only');
const definitions = {
  milestones: [
    { id: 'first-project', title: 'First project', rule: { event: 'project_created' } },
    { id: 'ten-tasks', title: 'Ten tasks', rule: { event: 'task_completed', count: 10 } },
    { id: 'hundred-tasks', title: '100 tasks', rule: { event: 'task_completed', count: 100 }, requires: ['ten-tasks'] },
    { id: 'big-spender', title: '$1,000', rule: { event: 'task_completed', sum: 'amount', gte: 1000 } },
    { id: 'explorer', title: 'Five features', rule: { event: 'task_completed', distinct: 'feature', gte: 5 } },
    { id: 'weekly', title: '20 this week', rule: { event: 'task_completed', count: 20, last: '7d' } },
    { id: 'team', title: 'Team: 500 tasks', rule: { event: 'task_completed', count: 500 }, scope: 'account' },
  ],
  levels: [{ id: 'start', title: 'Getting started', milestones: ['first-project', 'ten-tasks'] }],
};

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const ms = (x) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
const int = (n) => Math.round(n).toLocaleString('en-US');

// The load generator: a worker thread posting batches with N requests in flight, or polling /health.
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async (task) => {
  if (task.kind === 'post') {
    let next = 0;
    const failures = [];
    const started = performance.now();
    const one = async () => {
      for (let i = next++; i < task.batches.length; i = next++) {
        const b = task.batches[i];
        const res = await fetch(task.url + '/v1/batch', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: b });
        if (res.status !== 200) failures.push(res.status + ' ' + (await res.text()).slice(0, 200));
        else await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: task.concurrency }, one));
    parentPort.postMessage({ seconds: (performance.now() - started) / 1000, failures });
  } else if (task.kind === 'get') {
    const times = [];
    for (const path of task.paths) {
      const t = performance.now();
      const res = await fetch(task.url + path, { headers: task.headers?.[path] ?? {} });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(path + ': ' + res.status);
      times.push(performance.now() - t);
    }
    parentPort.postMessage({ times });
  } else if (task.kind === 'health') {
    const times = [];
    const until = Date.now() + task.ms;
    while (Date.now() < until) {
      const t = performance.now();
      await (await fetch(task.url + '/health')).arrayBuffer();
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, task.every));
    }
    parentPort.postMessage({ times });
  }
});`;
const worker = new Worker(WORKER, { eval: true });
const ask = (task) =>
  new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(task);
  });

let serial = 0;
const tokens = new Map();
const tokenFor = async (user) =>
  tokens.get(user) ??
  tokens
    .set(user, await signUserToken({ userId: user, accountId: `acct-${user.split('-')[1] % 50}` }, SECRET))
    .get(user);
/** Batches of `size` events, each batch from one user (as real clients send them), spread over `users`. */
async function batches(total, size, users = USERS, prefix = 'u') {
  const out = [];
  const at = new Date().toISOString();
  for (let b = 0; b < total / size; b++) {
    const n = b % users;
    const user = `${prefix}-${n}`;
    const events = [];
    for (let i = 0; i < size; i++)
      events.push({
        id: `e${serial++}`,
        type: 'track',
        name: i % 50 === 0 ? 'project_created' : 'task_completed',
        properties: { feature: ['kanban', 'calendar', 'gantt', 'table', 'board', 'list'][i % 6], amount: i % 100 },
        userId: user,
        anonymousId: `anon-${prefix}-${n}`,
        accountId: `acct-${n % 50}`,
        timestamp: at,
      });
    out.push(JSON.stringify({ projectKey: 'pk_bench', userToken: await tokenFor(user), events }));
  }
  return out;
}

async function bench(name, storage) {
  const log = [];
  const stream = new Writable({
    write(chunk, _e, done) {
      for (const line of String(chunk).split('\n')) if (line.includes('"verified"')) log.push(JSON.parse(line));
      done();
    },
  });
  const server = await createServer({
    port: 0,
    ...storage,
    logLevel: 'debug',
    logStream: stream,
    rateLimit: false,
    projects: [
      {
        key: 'pk_bench',
        secretKey: 'sk_bench_0123456789abcdef',
        identitySecrets: [SECRET],
        identity: 'required',
        definitions,
      },
    ],
  });
  const url = await server.listen();
  const stored = async () => (await server.db.query('select count(*)::int as n from waymark_events'))[0].n;
  const drain = async () => {
    const t = performance.now();
    await server.idle();
    return (performance.now() - t) / 1000;
  };
  const rows = [];
  const say = (what, figure) => {
    rows.push([what, figure]);
    console.log(`server (${name}): ${what}: ${figure}`);
  };

  // 1. Ingestion: events per second acknowledged, at two batch sizes and three concurrencies.
  for (const size of [20, 500]) {
    for (const concurrency of [1, 8, 32]) {
      const total = quick ? size * 100 : size === 20 ? 20_000 : 100_000;
      const work = await batches(total, size);
      const before = log.length;
      const { seconds, failures } = await ask({ kind: 'post', url, batches: work, concurrency });
      const verifying = await drain();
      const applied = log.slice(before).reduce((n, l) => n + l.applied, 0);
      say(
        `ingest, batch ${size}, concurrency ${concurrency}`,
        `${int(total / seconds)} events/s (${int(total)} events in ${seconds.toFixed(2)} s${failures.length ? `, ${failures.length} failed: ${failures[0]}` : ''}); verification caught up ${verifying.toFixed(1)} s later (${int(applied)} subject-events applied)`,
      );
    }
  }

  // 2. Verification of one 20-event batch, for a user with 100 stored events and one with 100,000.
  await ask({ kind: 'post', url, batches: await batches(100, 100, 1, 'light'), concurrency: 1 });
  await ask({ kind: 'post', url, batches: await batches(quick ? 10_000 : 100_000, 1000, 1, 'heavy'), concurrency: 4 });
  await drain();
  const cost = {};
  for (const who of ['light', 'heavy']) {
    const times = [];
    for (let round = 0; round < 15; round++) {
      const before = log.length;
      await ask({ kind: 'post', url, batches: await batches(20, 20, 1, who), concurrency: 1 });
      await drain();
      const mine = log.slice(before).filter((l) => l.kind === 'u');
      times.push(mine.reduce((n, l) => n + l.ms, 0));
    }
    cost[who] = q(times.slice(5), 0.5);
  }
  say('verification of one 20-event batch, user with 100 stored events', ms(cost.light));
  say(
    `verification of one 20-event batch, user with ${quick ? '10,000' : '100,000'} stored events`,
    `${ms(cost.heavy)} (ratio ${(cost.heavy / Math.max(cost.light, 0.01)).toFixed(2)})`,
  );

  // 3. /health while work is verified: a heavy user's next batch, and a flood of 100,000 new events of one user.
  {
    const health = ask({ kind: 'health', url, ms: 2000, every: 5 });
    for (let i = 0; i < 10; i++) {
      await server.app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { 'content-type': 'text/plain' },
        payload: (await batches(20, 20, 1, 'heavy'))[0],
      });
      await new Promise((r) => setTimeout(r, 150));
    }
    const { times } = await health;
    say(
      "/health while a 100,000-event user's batches are verified",
      `p50 ${ms(q(times, 0.5))}, p99 ${ms(q(times, 0.99))}, max ${ms(Math.max(...times))} (${times.length} probes)`,
    );
  }
  {
    const flood = await batches(quick ? 10_000 : 100_000, 1000, 1, 'flood');
    await ask({ kind: 'post', url, batches: flood, concurrency: 4 });
    const health = ask({ kind: 'health', url, ms: 4000, every: 5 });
    const verifying = drain();
    const { times } = await health;
    await verifying;
    say(
      '/health while 100,000 new events of one user are verified from scratch',
      `p50 ${ms(q(times, 0.5))}, p99 ${ms(q(times, 0.99))}, max ${ms(Math.max(...times))} (${times.length} probes)`,
    );
  }

  // 4. /v1/state with a million stored events: reads, and a read right after the same user's write.
  const target = quick ? 100_000 : 1_000_000;
  while ((await stored()) < target) {
    await ask({
      kind: 'post',
      url,
      batches: await batches(Math.min(100_000, target - (await stored())) || 1000, 500),
      concurrency: 8,
    });
  }
  await drain();
  const total = await stored();
  const paths = [];
  const headers = {};
  for (let i = 0; i < 2000; i++) {
    const user = `u-${(i * 7919) % USERS}`;
    const path = `/v1/state?projectKey=pk_bench&userId=${user}&anonymousId=anon-${user}`;
    paths.push(path);
    headers[path] = { authorization: `Bearer ${await tokenFor(user)}` };
  }
  const { times: reads } = await ask({ kind: 'get', url, paths, headers });
  say(`/v1/state, ${int(total)} events stored, 2,000 reads`, `p50 ${ms(q(reads, 0.5))}, p99 ${ms(q(reads, 0.99))}`);
  const afterWrite = [];
  for (let i = 0; i < 300; i++) {
    const user = `u-${(i * 31) % USERS}`;
    await ask({ kind: 'post', url, batches: [(await batches(1, 1, 1, 'x'))[0].replace(/x-0/g, user)], concurrency: 1 });
    const path = `/v1/state?projectKey=pk_bench&userId=${user}&anonymousId=anon-${user}`;
    const { times } = await ask({
      kind: 'get',
      url,
      paths: [path],
      headers: { [path]: { authorization: `Bearer ${await tokenFor(user)}` } },
    });
    afterWrite.push(times[0]);
  }
  say(
    '/v1/state right after the same user wrote, 300 reads',
    `p50 ${ms(q(afterWrite, 0.5))}, p99 ${ms(q(afterWrite, 0.99))}`,
  );
  await server.close();
  return rows;
}

// Ingestion alone, as a deployment with separate web and worker processes has it: a server with `worker: false`
// acknowledges batches at concurrency 1 while no verification runs beside it; then a server with the worker, on the
// same storage, verifies what was stored. The figures the issue compared with (6,700 and 23,000 events/s) were
// taken before verification existed, with fsync off.
async function ingestOnly(name, storage) {
  const config = {
    port: 0,
    ...storage,
    logLevel: 'silent',
    rateLimit: false,
    projects: [
      {
        key: 'pk_bench',
        secretKey: 'sk_bench_0123456789abcdef',
        identitySecrets: [SECRET],
        identity: 'required',
        definitions,
      },
    ],
  };
  const web = await createServer({ ...config, worker: false });
  const url = await web.listen();
  let events = 0;
  for (const size of [20, 500]) {
    const total = quick ? size * 100 : size === 20 ? 20_000 : 100_000;
    const { seconds, failures } = await ask({ kind: 'post', url, batches: await batches(total, size), concurrency: 1 });
    events += total;
    console.log(
      `server (${name}): ingest alone (verification in another process), batch ${size}, concurrency 1: ${int(total / seconds)} events/s (${int(total)} events in ${seconds.toFixed(2)} s${failures.length ? `, ${failures.length} failed: ${failures[0]}` : ''})`,
    );
  }
  await web.close();
  const started = performance.now();
  const verifier = await createServer(config);
  await verifier.idle();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `server (${name}): then a server with the worker verified those ${int(events)} events in ${seconds.toFixed(1)} s (${int(events / seconds)} events/s, each applied to its user and its account)`,
  );
  await verifier.close();
}

if (!postgresOnly) {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-'));
  try {
    if (!ingestOnlyRun) await bench('PGlite on disk, fsync on', { dataDir: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const alone = mkdtempSync(join(tmpdir(), 'waymark-bench-'));
  try {
    await ingestOnly('PGlite on disk, fsync on', { dataDir: alone });
  } finally {
    rmSync(alone, { recursive: true, force: true });
  }
}
if (process.env.DATABASE_URL) {
  const schema = `bench_${Date.now().toString(36)}`;
  try {
    if (!ingestOnlyRun) await bench('PostgreSQL 15', { databaseUrl: process.env.DATABASE_URL, databaseSchema: schema });
    await ingestOnly('PostgreSQL 15', { databaseUrl: process.env.DATABASE_URL, databaseSchema: `${schema}_alone` });
  } finally {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.query(`drop schema if exists ${schema}_alone cascade`);
    await client.end();
  }
}
await worker.terminate();
