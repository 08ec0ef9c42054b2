// Prints what the insight endpoints cost at 100,000 users in 10,000 accounts (about 270,000 achievements) on
// PostgreSQL, and at 10,000 in 1,000 on PGlite: the dashboard's pages (signed in as a browser), the
// accounts list (first page, a status filter, a later page by cursor), one account, the metrics, the time-based
// triggers' evaluation (quietFor and behindPace over every account, behindPace over every user), and /v1/state with
// its overall standing. A benchmark, not a test: figures, no assertions. `node scripts/bench-insights.mjs` after
// `npm run build`; with DATABASE_URL set it runs on that PostgreSQL too (a schema of its own, dropped after).
// The data is written by SQL straight into the tables, as verification would have left them (the statistics rows
// as migration 3 computes them from the achievements), since verifying 100,000 users first would take the machine
// for an hour and measure something else.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createServer } from 'waymark-server';

// PostgreSQL at full size; PGlite (WebAssembly, one connection) at a tenth, as it is meant for small deployments.
let USERS = 0;
let ACCOUNTS = 0;
const DAY = 864e5;
const NOW = Date.UTC(2026, 11, 1, 12);
const SECRET = 'sk_bench_0123456789abcdef';
const definitions = {
  milestones: [
    { id: 'm1', title: 'First project', rule: { event: 'e1' } },
    { id: 'm2', title: 'Invite', rule: { event: 'e2' } },
    { id: 'm3', title: 'Ten tasks', rule: { event: 'e3', count: 10 } },
    { id: 'm4', title: 'Report', rule: { event: 'e4' }, segment: { plan: ['pro', 'enterprise'] } },
    { id: 'm5', title: 'Integration', rule: { event: 'e5' } },
    { id: 'm6', title: 'Power user', rule: { event: 'e6' } },
    { id: 'team', title: 'Team goal', rule: { event: 'e3', count: 500 }, scope: 'account' },
  ],
  levels: [
    { id: 'start', title: 'Start', milestones: ['m1', 'm2'] },
    { id: 'power', title: 'Power', milestones: ['m5', 'm6'] },
  ],
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

const seed = (query) => async () => {
  const now = new Date(NOW).toISOString();
  // Users started over the last year; their plan and their first level in their state.
  await query(
    `insert into waymark_subjects (project_key, subject, kind, doc, started_at, last_event_at, account_id, events, verified_events)
    select 'pk_bench', 'u:' || i, 'user',
      jsonb_build_object('v', 1, 'startedAt', 0,
        'leaves', (select jsonb_object_agg('{"event":"e' || l || '","count":10,"where":{"feature":"kanban"}}', jsonb_build_object('n', i % 50, 's', i % 7, 'days', jsonb_build_array(20000 + l, 20001 + l))) from generate_series(1, 6) l), 'achieved', '{}'::jsonb, 'stalled', '{}'::jsonb,
        'traits', jsonb_build_object('plan', (array['free', 'pro', 'enterprise'])[1 + i % 3], 'email', 'u' || i || '@example.com'),
        'done', case when i % 4 = 0 then '{"start": 1}'::jsonb else '{}'::jsonb end),
      $1::timestamptz - ((i * 7919) % 365) * interval '1 day',
      $1::timestamptz - ((i * 104729) % 60) * interval '1 day',
      'acct-' || (i % ${ACCOUNTS}), 40, case when i % 5 = 0 then 0 else 40 end
    from generate_series(1::bigint, ${USERS}) i`,
    [now],
  );
  await query(
    `insert into waymark_subjects (project_key, subject, kind, doc, started_at, last_event_at)
    select 'pk_bench', 'c:acct-' || j, 'account', '{"v":1,"startedAt":0,"leaves":{},"achieved":{},"stalled":{},"traits":{}}'::jsonb,
      $1::timestamptz - 365 * interval '1 day', $1::timestamptz from generate_series(0, ${ACCOUNTS - 1}) j`,
    [now],
  );
  // Each user reaches milestone k with a chance falling with k, on day k * (1 + i % 9) after their start (before now).
  await query(
    `insert into waymark_achievements (project_key, subject, milestone_id, achieved_at, definitions_version, recorded_at)
    select 'pk_bench', s.subject, 'm' || k, least($1::timestamptz, s.started_at + k * (1 + (substr(s.subject, 3)::int % 9)) * interval '1 day'), 1, $1::timestamptz
    from waymark_subjects s cross join generate_series(1, 6) k
    where s.project_key = 'pk_bench' and s.kind = 'user' and (substr(s.subject, 3)::int * 31 + k * 17) % 10 < 8 - k`,
    [now],
  );
  await query(
    `insert into waymark_achievements (project_key, subject, milestone_id, achieved_at, definitions_version, recorded_at)
    select 'pk_bench', 'c:acct-' || j, 'team', $1::timestamptz - (j % 300) * interval '1 day', 1, $1::timestamptz from generate_series(0, ${ACCOUNTS - 1}, 3) j`,
    [now],
  );
  await query(`insert into waymark_start_days (project_key, kind, day, n)
    select 'pk_bench', kind, floor(extract(epoch from started_at) / 86400)::int, count(*) from waymark_subjects where project_key = 'pk_bench' group by 1, 2, 3`);
  // The statistics, as migration 3 computes them from what is stored.
  await query(`insert into waymark_account_stats (project_key, account_id, users, achieved, started_at, last_achieved_at, times, milestones)
    select m.project_key, m.account_id, m.users, coalesce(w.achieved, 0), m.started_at, w.last_at, coalesce(w.times, '{}'), coalesce(w.milestones, '{}')
    from (select project_key, account_id, count(*)::int users, min(started_at) started_at from waymark_subjects
          where project_key = 'pk_bench' and kind = 'user' group by 1, 2) m
    left join (select account_id, count(*)::int achieved, max(achieved_at) last_at,
                 array_agg((extract(epoch from achieved_at) * 1000)::float8 order by achieved_at) times, array_agg(distinct milestone_id) milestones
               from (select s.account_id, a.milestone_id, a.achieved_at from waymark_subjects s join waymark_achievements a on a.project_key = s.project_key and a.subject = s.subject
                     where s.project_key = 'pk_bench' and s.kind = 'user'
                     union all select substr(subject, 3), milestone_id, achieved_at from waymark_achievements where project_key = 'pk_bench' and subject like 'c:%') won
               group by 1) w on w.account_id = m.account_id`);
  await query(`insert into waymark_pace_days (project_key, kind, k, day, n)
    select 'pk_bench', 'user', k, day, count(*)::int from (
      select row_number() over (partition by a.subject order by a.achieved_at, a.milestone_id)::int k,
        least(365, greatest(0, floor(extract(epoch from a.achieved_at - s.started_at) / 86400)))::int as day
      from waymark_achievements a join waymark_subjects s on s.project_key = a.project_key and s.subject = a.subject
      where s.project_key = 'pk_bench' and s.kind = 'user') r group by 1, 2, 3, 4`);
  await query(`insert into waymark_pace_starts (project_key, kind, start_day, k, n)
    select 'pk_bench', 'user', start_day, k, count(*)::int from (
      select floor(extract(epoch from s.started_at) / 86400)::int as start_day, row_number() over (partition by a.subject order by a.achieved_at, a.milestone_id)::int k
      from waymark_achievements a join waymark_subjects s on s.project_key = a.project_key and s.subject = a.subject
      where s.project_key = 'pk_bench' and s.kind = 'user') r group by 1, 2, 3, 4`);
  // Firings as a year of scheduled runs would leave them: every account checked in on, a third of users behind pace.
  await query(
    `insert into waymark_trigger_fires (project_key, trigger_id, subject, period, fired_at)
    select 'pk_bench', t.id, s.subject, 'p1', $1::timestamptz - ((substr(s.subject, 3 + (s.kind = 'account')::int * 5)::int * 13) % 90) * interval '1 day'
    from waymark_subjects s join (values ('check-in', 'account', 1), ('user-behind', 'user', 3)) t(id, kind, every) on t.kind = s.kind
    where s.project_key = 'pk_bench' and substr(s.subject, 3 + (s.kind = 'account')::int * 5)::int % t.every = 0`,
    [now],
  );
  const [{ n }] = await query(`select count(*)::int n from waymark_achievements where project_key = 'pk_bench'`);
  return n;
};

async function run(label, databaseUrl, users, accounts) {
  USERS = Number(process.env.USERS ?? users);
  ACCOUNTS = Number(process.env.ACCOUNTS ?? accounts);
  const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-insights-'));
  const schema = `wm_bench_insights_${Date.now().toString(36)}`;
  const options = {
    port: 0,
    databaseUrl,
    dataDir: databaseUrl ? dir : join(dir, 'data'),
    databaseSchema: databaseUrl ? schema : 'public',
    logLevel: 'silent',
    rateLimit: false,
    scheduleEvery: 0,
    worker: false,
    now: () => NOW,
    statementTimeout: 300_000,
    projects: [
      {
        key: 'pk_bench',
        secretKey: SECRET,
        definitions,
        triggers: [
          { id: 'check-in', scope: 'account', when: { quietFor: '30d' } },
          { id: 'behind-pace', scope: 'account', when: { behindPace: true } },
          { id: 'user-behind', scope: 'user', when: { behindPace: true } },
        ],
      },
    ],
  };
  let server = await createServer(options);
  try {
    const t = performance.now();
    const achievements = await seed((sql, params) => server.db.query(sql, params))();
    console.log(
      `\n${label}: ${USERS.toLocaleString('en-US')} users in ${ACCOUNTS.toLocaleString('en-US')} accounts, ${achievements.toLocaleString('en-US')} achievements (seeded in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
    // What autovacuum would have done by now: planner statistics, and the visibility map that index-only scans read.
    if (databaseUrl) await server.db.query('vacuum analyze');
    if (process.env.PROFILE) {
      for (const sql of process.env.PROFILE.split(';;')) {
        const t0 = performance.now();
        const rows = await server.db.query(sql, []);
        console.log(`  ${(performance.now() - t0).toFixed(0)} ms, ${rows.length} rows: ${sql.slice(0, 90)}`);
        if (sql.startsWith('explain')) for (const r of rows) console.log(Object.values(r)[0]);
      }
      return;
    }
    // Started again on the seeded data, as a server that has run a while would be: PGlite's planner statistics are
    // refreshed at start (keepStatistics); PostgreSQL's autovacuum is stood in for by the analyze above.
    const restart = async () => {
      await server.close();
      server = await createServer(options);
      return server.listen();
    };
    let url = await restart();
    const get = async (path) => {
      const started = performance.now();
      const res = await fetch(url + path, { headers: { authorization: `Bearer ${SECRET}` } });
      const body = await res.json();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, body };
    };
    const time = async (name, path, runs = 5) => {
      const first = await get(path);
      const times = [];
      for (let i = 0; i < runs; i++) times.push((await get(path)).ms);
      console.log(`  ${name.padEnd(52)} median ${ms(median(times)).padStart(8)}  (first ${ms(first.ms)})`);
      return first.body;
    };
    // The dashboard's pages first, signed in as a browser would be (its HTML whole; assets are static files): the first
    // open of each is cold, the later ones reuse what a large project's answers keep for a minute (answerCache).
    const signIn = async () => {
      const form = await fetch(`${url}/dashboard`);
      const cookies = form.headers.getSetCookie().map((c) => c.split(';')[0]);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())[1];
      const res = await fetch(`${url}/dashboard/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
        body: new URLSearchParams({ _csrf: csrf, secret: SECRET }).toString(),
      });
      return [...cookies, ...res.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
    };
    const cookie = await signIn();
    const page = async (path) => {
      const started = performance.now();
      const res = await fetch(url + path, { headers: { cookie } });
      const html = await res.text();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${html.slice(0, 200)}`);
      return performance.now() - started;
    };
    const timePage = async (name, path, runs = 5) => {
      const first = await page(path);
      const times = [];
      for (let i = 0; i < runs; i++) times.push(await page(path));
      console.log(`  ${name.padEnd(52)} first ${ms(first).padStart(8)}, then median ${ms(median(times))}`);
    };
    await timePage('dashboard: overview (last 30 days)', '/dashboard/overview');
    await timePage('dashboard: overview (all time)', '/dashboard/overview?range=all');
    // Past the minute a large answer is reused as it is: served at once while a newer one is computed beside it.
    await new Promise((resolve) => setTimeout(resolve, 61_000));
    const stale = await page('/dashboard/overview');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    console.log(
      `  ${'dashboard: overview (last 30 days), 61 s later'.padEnd(52)} ${ms(stale).padStart(8)} (served while recomputed), then ${ms(await page('/dashboard/overview'))}`,
    );
    await timePage('dashboard: accounts (first page)', '/dashboard/accounts');
    await timePage(
      'dashboard: accounts, at risk, by users',
      '/dashboard/accounts?status=stalled&status=behind&sort=users',
    );
    await timePage('dashboard: one account', '/dashboard/accounts/acct-42');
    await timePage('dashboard: accounts CSV (all accounts)', '/dashboard/accounts.csv', 2);
    // A new server on the same data, so the API's first reads are cold again.
    url = await restart();
    console.log('  (the API, on a server just started: "first" is cold, the median reuses large answers)');
    const list = await time('GET /v1/admin/accounts (50 by achievements)', '/v1/admin/accounts');
    console.log(`    statuses: ${JSON.stringify(list.statuses)}`);
    await time(
      'GET /v1/admin/accounts?status=behind&sort=lastAchievedAt',
      '/v1/admin/accounts?status=behind&sort=lastAchievedAt',
    );
    await time(
      'GET /v1/admin/accounts?sort=status … page 2 by cursor',
      `/v1/admin/accounts?sort=status&cursor=${(await get('/v1/admin/accounts?sort=status')).body.next}`,
    );
    await time('GET /v1/admin/accounts/:accountId', '/v1/admin/accounts/acct-42');
    const metrics = await time('GET /v1/admin/metrics', '/v1/admin/metrics');
    console.log(`    m1: ${JSON.stringify(metrics.milestones[0])}`);
    await time(
      'GET /v1/admin/metrics?from=… (the last 30 days)',
      `/v1/admin/metrics?from=${new Date(NOW - 30 * DAY).toISOString()}`,
    );
    // At most 5,000 firings per trigger and run: the third run has only the evaluation left.
    // Runs the scheduled work once and prints its time and what `task` answered.
    const scheduled = async (label, task) => {
      const started = performance.now();
      const res = await fetch(`${url}/v1/admin/scheduled/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SECRET}` },
      });
      const body = await res.json();
      console.log(
        `  ${label.padEnd(52)} ${ms(performance.now() - started).padStart(8)}  ${JSON.stringify(body.tasks[task])}`,
      );
    };
    for (const round of [1, 2, 3]) await scheduled(`POST /v1/admin/scheduled/run, run ${round}`, 'triggers');
    const state = async () => {
      const started = performance.now();
      const res = await fetch(`${url}/v1/state?projectKey=pk_bench&userId=${1 + Math.floor(Math.random() * USERS)}`);
      const body = await res.json();
      return { ms: performance.now() - started, body };
    };
    const first = await state();
    const times = [];
    for (let i = 0; i < 50; i++) times.push((await state()).ms);
    console.log(
      `  ${'GET /v1/state with overall (50 users)'.padEnd(52)} median ${ms(median(times)).padStart(8)}  (first, loading the pace: ${ms(first.ms)})`,
    );
    console.log(
      `    e.g. ${JSON.stringify({ startedAt: first.body.startedAt, achieved: Object.keys(first.body.achieved).length, overall: first.body.overall })}`,
    );
    // The weekly digest over everyone, the same server with email on (no worker: the emails are queued, not sent).
    // Every seeded achievement was recorded in the last week, so every user is due: the most a run can have to do.
    await server.close();
    const project = options.projects[0];
    server = await createServer({
      ...options,
      projects: [
        {
          ...project,
          triggers: [],
          // The digest reads the seeded documents' addresses; a project that mails needs identity secrets.
          identitySecrets: ['bench-identity-secret-0123456789-abcdef'],
          email: { smtp: 'smtp://127.0.0.1:2525', from: 'Bench <bench@example.com>', digest: true },
        },
      ],
    });
    url = await server.listen();
    for (const round of [1, 2]) await scheduled(`the scheduled run's weekly digest, run ${round}`, 'digests');
  } finally {
    await server.close();
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.ONLY !== 'postgres') await run('PGlite (embedded)', undefined, 10_000, 1_000);
if (process.env.DATABASE_URL && process.env.ONLY !== 'pglite')
  await run('PostgreSQL', process.env.DATABASE_URL, 100_000, 10_000);
