// Prints webhook deliveries per second: notifications published (as verification and triggers publish them, in
// transactions of 100) to a receiver on loopback, until the receiver has them all, each signed and logged.
// A benchmark, not a test: it prints figures and asserts nothing. `npm run bench:webhooks` (after `npm run build`);
// with DATABASE_URL set it runs on that PostgreSQL too (in a schema of its own, dropped after).
// Cases: one endpoint answering at once; four endpoints answering at once; one endpoint that takes 50 ms per answer
// (one endpoint may hold 4 of the outbound lane's 8 slots, so a slow receiver cannot take the whole lane).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createServer } from 'waymark-server';

const N = process.argv.includes('--quick') ? 300 : 2000;
const secret = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;
const int = (n) => Math.round(n).toLocaleString('en-US');

const startReceiver = async () => {
  const state = { got: 0, delayMs: 0, waiters: [] };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = () => {
        res.writeHead(204).end();
        state.got++;
        for (const w of state.waiters) w();
      };
      if (state.delayMs) setTimeout(answer, state.delayMs);
      else answer();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  state.port = server.address().port;
  state.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(r);
    });
  state.until = (n) =>
    new Promise((resolve) => {
      const check = () => state.got >= n && resolve();
      state.waiters.push(check);
      check();
    });
  return state;
};

async function run(name, url, endpoints, delayMs, n) {
  const receiver = await startReceiver();
  receiver.delayMs = delayMs;
  const schema = url ? `wm_bench_hooks_${Date.now().toString(36)}` : 'public';
  const server = await createServer({
    port: 0,
    databaseUrl: url,
    databaseSchema: schema,
    dataDir: ':memory:',
    logLevel: process.env.BENCH_LOG ?? 'silent',
    scheduleEvery: 0,
    allowPrivateNetworks: true,
    projects: [
      {
        key: 'pk_bench',
        secretKey: 'sk_bench_0123456789abcdef',
        webhooks: Array.from({ length: endpoints }, (_, i) => ({
          url: `http://127.0.0.1:${receiver.port}/hook/${i}`,
          secret,
        })),
      },
    ],
  });
  try {
    const started = performance.now();
    for (let i = 0; i < n; i += 100)
      await server.db.transaction(async (query) => {
        for (let j = i; j < Math.min(n, i + 100); j++)
          await server.notifier.publish(query, {
            type: 'milestone.achieved',
            projectKey: 'pk_bench',
            at: Date.now(),
            userId: `u${j}`,
            accountId: `a${j % 50}`,
            milestoneId: 'first-project',
            key: `milestone.achieved:u:u${j}:first-project`,
          });
      });
    const published = performance.now();
    void server.idle(); // wakes the outbound lane now rather than at its next poll
    await receiver.until(n * endpoints);
    const done = performance.now();
    const total = n * endpoints;
    await server.idle();
    const [row] = await server.db.query(`select count(*)::int as n from waymark_webhook_attempts where status = 204`);
    console.log(
      `${name.padEnd(10)} ${String(endpoints).padStart(2)} endpoint(s), receiver ${String(delayMs).padStart(2)} ms: ` +
        `${int(total)} deliveries in ${((done - started) / 1000).toFixed(1)} s = ${int(total / ((done - started) / 1000))}/s ` +
        `(publishing ${((published - started) / 1000).toFixed(1)} s; ${int(row.n)} attempts logged)`,
    );
  } finally {
    await server.close();
    await receiver.close();
    if (url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
  }
}

const targets = [
  ['PGlite', undefined],
  ...(process.env.DATABASE_URL ? [['PostgreSQL', process.env.DATABASE_URL]] : []),
];
console.log(
  `webhook deliveries, ${N} notifications, Node ${process.versions.node}, ${new Date().toISOString().slice(0, 16)}Z`,
);
for (const [name, url] of targets) {
  await run(name, url, 1, 0, N);
  await run(name, url, 4, 0, Math.round(N / 4));
  await run(name, url, 1, 50, Math.round(N / 4));
}
