#!/usr/bin/env node
// `npm run demo`: the example app (examples/app) and waymark-server on one origin, with embedded
// storage, so a fresh clone needs nothing but `npm install`. The npm script builds waymark and the app first.
// Settings (environment): PORT (5173; the next free one when taken), HOST (127.0.0.1), DATA_DIR (.waymark-demo),
// SEED=0 to skip the synthetic history the first start sends for the dashboard.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSP, DEMO, startDemo } from '../examples/app/server.mjs';

const env = process.env;
// Not inside .waymark-data, which is `npx waymark-server`'s own default folder.
const dataDir = env.DATA_DIR ?? fileURLToPath(new URL('../.waymark-demo', import.meta.url));

// One embedded database, one process: a second demo would get the next port, but must not share the files.
const lock = `${dataDir}.pid`; // beside the database's folder, not in it
const holder = (() => {
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    process.kill(pid, 0);
    return pid;
  } catch {
    return 0; // no lock, or its process is gone
  }
})();
if (holder) {
  console.error(
    `waymark demo: another demo (pid ${holder}) is using ${dataDir}; stop it, or set DATA_DIR to another folder`,
  );
  process.exit(1);
}
mkdirSync(dirname(dataDir), { recursive: true });
writeFileSync(lock, String(process.pid));
process.on('exit', () => rmSync(lock, { force: true }));

console.log('waymark demo: starting (the first start sets up the embedded database, a few seconds)…');
let demo;
// The seed's own batches (about 1,500 on a first start) would bury its progress lines: the app's are shown once it is up.
let started = false;
try {
  demo = await startDemo({
    port: Number(env.PORT ?? 5173),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    seed: env.SEED !== '0',
    onSeedProgress: (users, of) =>
      console.log(
        users === 0
          ? `  seeding a 90-day history for the dashboard (once, about a minute): ${of} users…`
          : `  seeded ${users} of ${of} users`,
      ),
    onWebhook: ({ data }) =>
      started &&
      console.log(`  webhook, signature checked: trigger ${data.triggerId} fired for ${data.accountId ?? data.userId}`),
    // The app's own visitors' emails; the seed's 750 users get theirs (digests, weekly) in the inbox without a line each.
    onMail: ({ id, to, subject }) =>
      started && to.endsWith('@acme.example') && console.log(`  email to ${to}: "${subject}" (/demo/mail/${id})`),
    onBatch: ({ accepted, duplicates }) =>
      started &&
      console.log(
        `  batch received: ${accepted} new event${accepted === 1 ? '' : 's'}, ${duplicates} duplicate${duplicates === 1 ? '' : 's'}`,
      ),
  });
} catch (error) {
  console.error(`waymark demo: could not start: ${error.message}`);
  process.exit(1);
}
started = true;
console.log(`
  Acme Projects, with waymark:  ${demo.url}

  App and waymark-server (POST /v1/batch, GET /v1/state, /health) share this origin, under ${CSP}.
  The project requires identity: the app's "backend" (/demo/session) signs each visitor a token.
  Dashboard:  ${demo.dashboardUrl}   (sign in with the demo's secret key: ${DEMO.secretKey})
  Inbox:      ${demo.url}demo/mail   (the emails the backend sent: celebrations, weekly digests; none leave this machine)
  Admin API:  curl -H 'Authorization: Bearer ${DEMO.secretKey}' ${demo.url}v1/admin/metrics
  Data: ${dataDir} (delete it to start over). Ctrl-C to stop.
`);

let stopping = false;
const stop = async () => {
  if (stopping) process.exit(1); // a second Ctrl-C: don't wait
  stopping = true;
  console.log('waymark demo: stopping…');
  await demo.close().catch((error) => console.error(error));
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
