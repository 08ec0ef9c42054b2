// One origin for the example app and its backend: the app's static files, and waymark-server's public endpoints
// (/v1/batch, /v1/state, /health) and admin API, on embedded PGlite. Same origin means no CORS, and the page's strict
// Content-Security-Policy (default-src 'self', sent as a header) allows the sync as it is.
// The project requires identity, as a real one should: /demo/session plays the host app's backend, which knows who
// is signed in and signs a waymark token for them (signUserToken).
// Used by `npm run demo` (scripts/demo.mjs) and the end-to-end tests (test/e2e).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { createServer, signUserToken, verifyWebhook } from 'waymark-server';
import { mailRoutes } from './mailRoutes.mjs';
import { seedHistory } from './seedHistory.mjs';
import { startMailbox } from './startMailbox.mjs';

export const CSP = "default-src 'self'";
const ROOT = fileURLToPath(new URL('.', import.meta.url));
// What the browser may fetch: the page, its styles, its bundle. Not the sources or this file.
const PUBLIC = /^\/(styles\.css|favicon\.svg|milestones\.json|dist\/[\w.-]+)$/;

/** The demo project. Its secret key opens the admin API; a real deployment keeps both secrets in its environment. */
export const DEMO = {
  projectKey: 'pk_acme_demo',
  secretKey: 'sk_acme_demo_7f3c9a1e5b2d4c6f',
  identitySecret: 'acme-demo-identity-secret-0123456789abcdef',
  webhookSecret: `whsec_${Buffer.from('acme-demo-webhook-secret-32-bytes').toString('base64')}`,
};

/**
 * The customer-success playbooks the demo runs, as a team would configure them: each fires a signed webhook
 * (`trigger.fired`) to the demo's receiver, and shows on the dashboard's Webhooks page.
 */
const TRIGGERS = [
  { id: 'celebrate-momentum', scope: 'account', when: { achievedAtLeast: 3, within: '30d' } },
  { id: 'check-in', scope: 'account', when: { quietFor: '30d' } },
  { id: 'behind-pace', scope: 'account', when: { behindPace: true } },
  { id: 'streak-user', scope: 'user', when: { achieved: 'five-day-streak' } },
  // API.md's example as written: power-user is the demo's last level.
  { id: 'power-user', scope: 'user', when: { achieved: 'power-user' } },
];

/**
 * A webhook receiver such as a CRM or a Slack bridge would run: it checks each delivery's signature
 * (`verifyWebhook`) and answers 200 (400 when it is not genuine). On its own port of the loopback interface.
 */
async function startReceiver(port, onWebhook) {
  const receiver = createHttpServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const event = verifyWebhook(Buffer.concat(chunks), request.headers, DEMO.webhookSecret);
        response.writeHead(200).end();
        onWebhook?.(event);
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise((resolve) => receiver.listen(port, '127.0.0.1', resolve));
  return receiver;
}

/** The first free port from `port` on (the demo's default may be taken by another demo or a dev server). */
const freePort = async (port, host, tries = 20) => {
  if (port === 0) return 0;
  for (let p = port; p < port + tries; p++) {
    const free = await new Promise((resolve) => {
      const probe = createNetServer().once('error', () => resolve(false));
      probe.listen(p, host, () => probe.close(() => resolve(true)));
    });
    if (free) return p;
  }
  throw new Error(`no free port from ${port} to ${port + tries - 1}`);
};

const cookie = (header, name) => new RegExp(`(?:^|;\\s*)${name}=([\\w-]+)`).exec(header ?? '')?.[1];

/**
 * Starts the example app and waymark-server on one origin.
 *
 * @example
 * const demo = await startDemo({ port: 0, dataDir: '/tmp/demo-data' });
 * console.log(demo.url); // http://127.0.0.1:40123/
 * await demo.db.query('select count(*)::int as n from waymark_events');
 * await demo.close();
 *
 * @param {import('./server.d.mts').DemoOptions} [options]
 */
export async function startDemo({
  port = 5173,
  host = '127.0.0.1',
  dataDir,
  onBatch,
  logLevel = 'warn',
  seed = false,
  onSeedProgress,
  onWebhook,
  onMail,
} = {}) {
  for (const [file, name] of [
    ['../../dist/index.js', 'dist/index.js'],
    ['../../server/dist/index.js', 'server/dist/index.js'],
    ['dist/main.js', 'examples/app/dist/main.js'],
  ])
    if (!existsSync(new URL(file, import.meta.url)))
      throw new Error(`${name} is missing: run \`npm run demo\`, which builds first`);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // The server's clock: real time, except while the synthetic history is sent (each user's first day, in the past).
  const clock = { now: undefined };
  const appPort = await freePort(port, host);
  // The port after the app's, so that the webhook's URL stays the same from one start to the next: an endpoint is
  // known by its URL, and with a new one each start the last start's deliveries would show as "endpoint removed".
  const receiver = await startReceiver(appPort && (await freePort(appPort + 1, '127.0.0.1')), onWebhook);
  // The emails (celebrations, weekly digests) go to the demo's own mail catcher: /demo/mail shows them.
  const mailbox = await startMailbox(0, onMail);
  let server;
  try {
    server = await createServer({
      now: () => clock.now ?? Date.now(),
      port: appPort,
      host,
      dataDir: dataDir ?? ':memory:',
      logLevel,
      // Three tabs, reloads and the end-to-end tests from one address: more than a person would send.
      rateLimit: { perIp: 6000, perProject: 60_000 },
      // The demo's webhook receiver is on this machine, which a real deployment's webhooks may not reach.
      allowPrivateNetworks: true,
      projects: [
        {
          key: DEMO.projectKey,
          secretKey: DEMO.secretKey,
          identitySecrets: [DEMO.identitySecret],
          identity: 'required',
          definitions: fileURLToPath(new URL('milestones.json', import.meta.url)),
          triggers: TRIGGERS,
          webhooks: [
            {
              url: `http://127.0.0.1:${receiver.address().port}/waymark`,
              secret: DEMO.webhookSecret,
              events: ['trigger.fired'],
            },
          ],
          // Unsubscribe links: this origin. Without it they would wait until the server listens, after the seed.
          ...(appPort && { publicUrl: `http://${host}:${appPort}` }),
          email: {
            smtp: `smtp://127.0.0.1:${mailbox.port}`,
            from: 'Acme <hello@acme.example>',
            ...(appPort && { appUrl: `http://${host}:${appPort}` }),
          },
        },
      ],
    });
  } catch (error) {
    // A configuration the server refuses: nothing may be left listening.
    receiver.close();
    await mailbox.close();
    throw error;
  }
  const { app } = server;
  app.addHook('onSend', async (request, reply, payload) => {
    // The dashboard's and an email's own (stricter, or for inline styles) policies stay as they are.
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    if (onBatch && request.method === 'POST' && request.url === '/v1/batch' && reply.statusCode === 200) {
      try {
        onBatch(JSON.parse(String(payload)));
      } catch {
        // a logging hook must not break the answer
      }
    }
    return payload;
  });
  await app.register(fastifyStatic, {
    root: ROOT,
    index: false,
    allowedPath: (path) => PUBLIC.test(path),
    cacheControl: false,
    setHeaders: (res) => res.setHeader('cache-control', 'no-store'),
  });
  // The host app's backend: it knows who is signed in (here a cookie it sets on the first visit), and renders the page
  // with the user, their team, and a waymark token for them, signed with the identity secret the browser never sees.
  const session = async (request, reply) => {
    const id = cookie(request.headers.cookie, 'acme_user') ?? randomBytes(6).toString('hex');
    reply.header('set-cookie', `acme_user=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000`);
    const userId = `acme-user-${id}`;
    const accountId = 'acct_acme';
    const token = await signUserToken({ userId, accountId }, DEMO.identitySecret, { expiresIn: '1h' });
    return { userId, accountId, email: `${userId}@acme.example`, token };
  };
  const page = readFileSync(new URL('index.html', import.meta.url), 'utf8');
  const escapeAttribute = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  for (const path of ['/', '/index.html'])
    app.get(path, async (request, reply) => {
      const html = page.replace(
        '<meta name="acme-session" content="" />',
        `<meta name="acme-session" content="${escapeAttribute(JSON.stringify(await session(request, reply)))}" />`,
      );
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    });
  // A fresh token, when the one in the page expired (the client reported identity_rejected).
  app.post('/demo/session', session);
  app.delete('/demo/session', async (_request, reply) => {
    reply.header('set-cookie', 'acme_user=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
    return { signedOut: true };
  });
  mailRoutes(app, mailbox);
  // Once per data folder: a 90-day history for the dashboard. Its events have fixed ids, so a seed interrupted
  // half-way is sent again whole next time, and the server keeps one copy of each.
  const seededMark = dataDir && `${dataDir}/demo-seeded`;
  const seeded =
    seed && !(seededMark && existsSync(seededMark))
      ? await seedHistory(server, clock, {
          projectKey: DEMO.projectKey,
          identitySecret: DEMO.identitySecret,
          end: Date.now(),
          onProgress: onSeedProgress,
        })
      : undefined;
  if (seeded && seededMark) writeFileSync(seededMark, JSON.stringify(seeded));
  const url = `${await server.listen()}/`;
  return {
    url,
    dashboardUrl: `${url}dashboard`,
    seeded,
    db: server.db,
    server,
    mailbox,
    /** Stops taking requests, finishes the job in progress, closes the database, the webhook receiver and the mail catcher. */
    close: async () => {
      await server.close();
      await new Promise((resolve) => receiver.close(resolve));
      await mailbox.close();
    },
  };
}
