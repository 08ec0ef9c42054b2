import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsubscribeUrl } from '../src/email/unsubscribeLink';
import {
  captureLog,
  DAY,
  databases,
  definitions,
  IDENTITY_SECRET,
  SECRET,
  startTestServer,
  T0,
  type TestServer,
  token,
  wire,
} from './helpers';
import { newSecret, type Receiver, startReceiver } from './receiver';
import { startSmtp, type TestSmtp } from './smtp.helpers';

// Every route the server registers (server.routes, from Fastify's onRoute), swept with malformed input: odd path
// params, query strings, bodies, content types and encodings, and missing or wrong credentials. Whatever comes in, the
// answer is below 500, and a JSON error names what was wrong (`name: problem`), never a bare "Bad Request". A route
// added later fails the coverage check until it has a case in ROUTES.

const OTHER_SECRET = 'sk_other_0123456789abcdef';
const BODY_LIMIT = 100_000;

// ---- The raw client: node:http, so paths go out exactly as written (`..`, `%ZZ`, `%00` are not normalised away).

interface Sent {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sent in two chunks (Transfer-Encoding: chunked), without a Content-Length. */
  chunked?: boolean;
}
interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

const send = (base: URL, r: Sent) =>
  new Promise<Got>((resolve, reject) => {
    const headers: Record<string, string | number> = { ...r.headers };
    if (r.body !== undefined && !r.chunked) headers['content-length'] = Buffer.byteLength(r.body);
    const req = http.request(
      { host: base.hostname, port: base.port, method: r.method, path: r.path, headers, agent, timeout: 20_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 20 s')));
    req.on('error', reject);
    if (r.chunked && r.body !== undefined) {
      const half = Math.floor(r.body.length / 2);
      req.write(r.body.slice(0, half));
      req.end(r.body.slice(half));
    } else req.end(r.body);
  });

// ---- What counts as a clear answer.

const GENERIC = new Set(
  [...Object.values(http.STATUS_CODES), 'internal error', 'error'].map((s) => String(s).toLowerCase()),
);
/** The house style: `what: problem` (`limit: expected 1 to 200`, `GET /x: not found`). */
const NAMED = /^\S[^\n]*?: \S/;

/** Why an answer breaks the rules, or undefined. */
const problemOf = (method: string, res: Got, expect?: (status: number) => boolean): string | undefined => {
  if (res.status >= 500) return `status ${res.status}`;
  if (expect && !expect(res.status)) return `unexpected status ${res.status}`;
  const type = String(res.headers['content-type'] ?? '');
  if (res.status >= 400 && type.includes('json') && method !== 'HEAD') {
    let body: { error?: unknown } | undefined;
    try {
      body = JSON.parse(res.text);
    } catch {
      return 'a JSON content type with a body that does not parse';
    }
    const error = body?.error;
    if (typeof error !== 'string') return 'no error string';
    if (GENERIC.has(error.toLowerCase().trim()) || !NAMED.test(error)) return `unclear error "${error.slice(0, 120)}"`;
  }
  return undefined;
};

// ---- Malformed pieces. Path segments and query values are written already URL-encoded (sent as they are).

const BAD_SEGMENTS = [
  // Ids the batch takes (200 characters at most, of any script) reach the route's own check.
  'x'.repeat(150),
  '%E2%9C%93'.repeat(200),
  'x'.repeat(201),
  'x'.repeat(5000),
  '%00',
  'a%00b',
  '%ZZ',
  '%',
  '%E9',
  '%C3%28',
  '%ED%A0%80',
  '%F0%9F%98%80',
  '%C3%A9t%C3%A9',
  '\u00e9',
  '%E2%80%AE',
  '%EF%BB%BF',
  '..',
  '.',
  '%2e%2e',
  '..%2f..%2fpackage.json',
  '..%5c..%5cpackage.json',
  '%2F',
  '%20',
  '%0A',
  '%0D%0Aset-cookie:%20x=1',
  '-1',
  '0',
  '1.5',
  '1e3',
  '99999999999999999999999',
  '0x10',
  'NaN',
  '__proto__',
  'constructor',
  'toString',
  "'%20or%201=1--",
  '%3Cscript%3E',
];

const BAD_VALUES = [
  '',
  'bogus',
  '-1',
  '0',
  '1.5',
  '1e999',
  '99999999999999999999',
  'NaN',
  '0x10',
  '%201',
  'x'.repeat(5000),
  '%00',
  '%ZZ',
  '%E9',
  '%ED%A0%80',
  '%F0%9F%98%80',
  '__proto__',
  'constructor',
  'toString',
  '0000-01-01',
  '-000001-01-01',
  '9999-12-31T23:59:59Z',
  '2026-02-30',
  '2026-11-01T25:00',
  '%5B%5D',
  '%2C',
  'stalled%2C%2Cbogus',
  'ep_%00',
  // Cursors of the right sort and order (the admin case's, the dashboard's default) holding odd keys.
  ...[
    { s: 'users', o: 'asc', k: [null, null] },
    { s: 'users', o: 'asc', k: [[], {}] },
    { s: 'achieved', o: 'desc', k: [{ a: 1 }, 5] },
    { s: 'achieved', o: 'desc', k: ['x'.repeat(1000), '\u0000'] },
  ].map((c) => Buffer.from(JSON.stringify(c)).toString('base64url')),
];
/** For the routes that change something: fewer values per name. */
const FEW_VALUES = ['bogus', '-1', '%00', '%ZZ', 'x'.repeat(3000), '__proto__'];

/** Every query parameter some route reads, swept on every route. */
const QUERY_NAMES = [
  'range',
  'status',
  'limit',
  'cursor',
  'before',
  'from',
  'to',
  'sort',
  'order',
  'search',
  'type',
  'endpoint',
  'accountId',
  'userId',
  'anonymousId',
  'projectKey',
  'p',
  'a',
  's',
  'offset',
  'retried',
  '_csrf',
];
/** Query strings whose shape is odd: repeated, arrays, objects, no value. `NAME` is each name in turn. */
const QUERY_SHAPES = ['NAME=a&NAME=b', 'NAME[]=a', 'NAME[0]=a&NAME[1]=b', 'NAME[a]=b', 'NAME', '=NAME', 'NAME=%26%3D'];
/** Whole odd query strings. */
const RAW_QUERIES = ['?', '?&&&', '?=', '?%ZZ=1', '?%00', `?${'a=1&'.repeat(3000)}`, `?${'q'.repeat(8000)}=1`];

const deep = (n: number, open: string, close: string) => `${open.repeat(n)}1${close.repeat(n)}`;
const DEEP_ARRAY = deep(5000, '[', ']');
const DEEP_OBJECT = deep(5000, '{"a":', '}');

/** Values that replace each field of a good JSON body in turn (as JSON text; `good` is the field's own value). */
const wrongValues = (good: unknown): string[] => [
  'null',
  '0',
  '-1',
  '1e308',
  '1.5',
  'true',
  '[]',
  '{}',
  '""',
  JSON.stringify('x'.repeat(20_000)),
  '"\\u0000"',
  '"\\ud800"',
  '"__proto__"',
  DEEP_ARRAY,
  DEEP_OBJECT,
  `[${'0,'.repeat(5000)}0]`,
  ...(typeof good === 'string'
    ? [JSON.stringify(`${good}\r\nx`), JSON.stringify(`${good}✓`), JSON.stringify(`${good}\u0000`)]
    : []),
];

/** Bodies that are not the JSON asked for, or that come in an odd content type or encoding. */
const RAW_BODIES: { type?: string; encoding?: string; body: string | Buffer }[] = [
  { type: 'application/json', body: '{' },
  { type: 'application/json', body: '{"a":' },
  { type: 'application/json', body: 'nul' },
  { type: 'application/json', body: "{'a':1}" },
  { type: 'application/json', body: '\u0000' },
  { type: 'application/json', body: '\ufeff{}' },
  { type: 'application/json', body: '' },
  { type: 'application/json', body: ' ' },
  { type: 'application/json', body: '[]' },
  { type: 'application/json', body: 'null' },
  { type: 'application/json', body: '"a string"' },
  { type: 'application/json', body: '123' },
  { type: 'application/json', body: 'true' },
  { type: 'application/json', body: '{}' },
  { type: 'application/json', body: '[{}]' },
  { type: 'application/json', body: DEEP_ARRAY },
  { type: 'application/json', body: DEEP_OBJECT },
  { type: 'application/json', body: deep(200_000, '[', ']').slice(0, BODY_LIMIT - 10) },
  { type: 'application/json', body: JSON.stringify({ s: 'x'.repeat(BODY_LIMIT) }) },
  { type: 'application/json', body: Buffer.from([0xff, 0xfe, 0x7b, 0x7d]) },
  { type: 'application/json', body: '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}' },
  { type: 'application/json', encoding: 'gzip', body: 'not gzip at all' },
  { type: 'application/json', encoding: 'gzip', body: gzipSync(Buffer.alloc(BODY_LIMIT * 3, 0x20)) },
  { type: 'application/json', encoding: 'gzip', body: gzipSync('{"a":') },
  { type: 'application/json', encoding: 'br', body: '{}' },
  { type: 'application/json', encoding: 'gzip, gzip', body: '{}' },
  { type: 'application/json; charset=utf-16', body: '{}' },
  { type: 'text/plain', body: 'hello' },
  { type: 'application/x-www-form-urlencoded', body: 'a=1&b=%ZZ&&=' },
  { type: 'application/x-www-form-urlencoded', body: `a=${'x'.repeat(20_000)}` },
  {
    type: 'multipart/form-data; boundary=xyz',
    body: '--xyz\r\ncontent-disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--',
  },
  { type: 'application/octet-stream', body: Buffer.from([0, 1, 2, 3]) },
  { type: ';;;', body: '{}' },
  { type: 'application/json', body: '{}'.padEnd(BODY_LIMIT + 10, ' ') },
  { body: '{}' },
];

const ADMIN_BAD = [
  undefined,
  '',
  'Bearer',
  'Bearer ',
  `Bearer ${SECRET}x`,
  `Bearer ${SECRET.slice(0, -1)}`,
  `Bearer ${SECRET} extra`,
  `Basic ${Buffer.from(`admin:${SECRET}`).toString('base64')}`,
  SECRET,
  'Bearer pk_test',
  `Bearer ${'x'.repeat(8000)}`,
  'Bearer \u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9',
  'Bearer %00%00%00%00%00%00%00%00',
];

/** JWTs that prove nothing: malformed, unsigned, expired, for someone else, under another secret. */
const badTokens = async () => {
  const b64 = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
  return [
    'abc',
    'a.b.c',
    '..',
    'e30.e30.',
    `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'u1' })}.`,
    `${b64({ alg: 'HS256' })}.${b64({ sub: 'u1', exp: 1 })}.${'A'.repeat(43)}`,
    `${b64({ alg: 'HS512' })}.${b64('not an object')}.sig`,
    `${b64(['array'])}.${b64({ sub: 'u1' })}.sig`,
    await token('someone-else'),
    await token('u1', undefined, {}, 'another-secret-0123456789-abcdefghijk'),
    await token('u1', undefined, { expiresIn: -60 }),
    'x'.repeat(8000),
    '\u00e9'.repeat(40),
  ];
};

// ---- The routes, each with a request that is right: the sweep changes one piece of it at a time.

type Auth = 'none' | 'admin' | 'user' | 'session' | 'csrf' | 'form';

interface Fixture {
  userToken: string;
  deliveryId: string;
  endpointId: string;
  unsubscribe: Record<string, string>;
  session: string;
  csrfCookie: string;
  csrfToken: string;
  /** A second CSRF secret's token: valid, but not for csrfCookie. */
  otherCsrfToken: string;
  signIn(): Promise<string>;
}

interface RouteCase {
  /** admin: the secret key; user: a user token; session: the dashboard cookie; csrf: the CSRF token; form: both. */
  auth: Auth;
  params?: (f: Fixture) => Record<string, string>;
  query?: (f: Fixture) => Record<string, string>;
  /** A JSON body (sent urlencoded where `form`). */
  body?: (f: Fixture) => Record<string, unknown>;
  /** The body goes as a form (application/x-www-form-urlencoded), as the dashboard's own forms send it. */
  form?: boolean;
  headers?: Record<string, string>;
  /** What the good request answers. */
  ok: number[];
  /** Each request signs in anew (sign-out ends the session it is sent with). */
  fresh?: boolean;
}

const ROUTES: Record<string, RouteCase> = {
  'POST /v1/batch': {
    auth: 'user',
    body: (f) => ({
      projectKey: 'pk_test',
      userToken: f.userToken,
      sentAt: new Date(T0).toISOString(),
      events: [
        wire({
          userId: 'u1',
          anonymousId: 'd1',
          accountId: 'acct-1',
          properties: { plan: 'pro', seats: 3, tags: ['a'] },
        }),
      ],
    }),
    ok: [200],
  },
  'GET /v1/state': {
    auth: 'user',
    query: () => ({ projectKey: 'pk_test', userId: 'u1', anonymousId: 'd1' }),
    ok: [200],
  },
  'GET /v1/admin/users/:userId': { auth: 'admin', params: () => ({ userId: 'u1' }), ok: [200] },
  'DELETE /v1/admin/users/:userId': { auth: 'admin', params: () => ({ userId: 'gone' }), ok: [200] },
  'GET /v1/admin/definitions': { auth: 'admin', ok: [200] },
  'PUT /v1/admin/definitions': { auth: 'admin', body: () => structuredClone(definitions), ok: [200] },
  'POST /v1/admin/scheduled/run': { auth: 'admin', ok: [200] },
  'GET /v1/admin/metrics': { auth: 'admin', query: () => ({ from: '2026-10-01', to: '2026-12-01' }), ok: [200] },
  'GET /v1/admin/accounts': {
    auth: 'admin',
    query: () => ({ status: 'stalled,on_track', sort: 'users', order: 'asc', limit: '10', search: 'acct' }),
    ok: [200],
  },
  'GET /v1/admin/accounts/:accountId': { auth: 'admin', params: () => ({ accountId: 'acct-1' }), ok: [200] },
  'GET /v1/admin/triggers': { auth: 'admin', ok: [200] },
  'GET /v1/admin/triggers/:triggerId/fires': {
    auth: 'admin',
    params: () => ({ triggerId: 'first-win' }),
    query: () => ({ limit: '5' }),
    ok: [200],
  },
  'GET /v1/admin/webhooks/deliveries': {
    auth: 'admin',
    query: () => ({ status: 'succeeded', type: 'milestone.achieved', accountId: 'acct-1', limit: '5' }),
    ok: [200],
  },
  'GET /v1/admin/webhooks/deliveries/:id': { auth: 'admin', params: (f) => ({ id: f.deliveryId }), ok: [200] },
  'POST /v1/admin/webhooks/deliveries/:id/retry': { auth: 'admin', params: (f) => ({ id: f.deliveryId }), ok: [202] },
  'GET /v1/admin/webhooks/endpoints': { auth: 'admin', ok: [200] },
  'POST /v1/admin/webhooks/endpoints/:id/enable': { auth: 'admin', params: (f) => ({ id: f.endpointId }), ok: [200] },
  'GET /v1/email/unsubscribe': { auth: 'none', query: (f) => f.unsubscribe, ok: [200] },
  'POST /v1/email/unsubscribe': {
    auth: 'none',
    query: (f) => f.unsubscribe,
    body: () => ({ resubscribe: '1' }),
    form: true,
    ok: [200],
  },
  'GET /v1/email/unsubscribe.css': { auth: 'none', ok: [200] },
  'GET /health': { auth: 'none', ok: [200] },
  'GET /dashboard': { auth: 'none', ok: [200] },
  'GET /dashboard/assets/*': { auth: 'none', params: () => ({ '*': 'dashboard.js' }), ok: [200] },
  'GET /dashboard/favicon.svg': { auth: 'none', ok: [200] },
  'POST /dashboard/sign-in': { auth: 'csrf', body: () => ({ secret: SECRET }), form: true, ok: [303] },
  'POST /dashboard/sign-out': { auth: 'form', body: () => ({}), form: true, ok: [303], fresh: true },
  'GET /dashboard/overview': { auth: 'session', query: () => ({ range: '90' }), ok: [200] },
  'GET /dashboard/accounts': {
    auth: 'session',
    query: () => ({ status: 'stalled', search: 'acct', sort: 'users', order: 'asc' }),
    ok: [200],
  },
  'GET /dashboard/accounts.csv': { auth: 'session', query: () => ({ sort: 'accountId' }), ok: [200] },
  'GET /dashboard/accounts/:accountId': { auth: 'session', params: () => ({ accountId: 'acct-1' }), ok: [200] },
  'GET /dashboard/webhooks': { auth: 'session', query: () => ({ status: 'succeeded', retried: '1' }), ok: [200] },
  'POST /dashboard/webhooks/deliveries/:id/retry': {
    auth: 'form',
    params: (f) => ({ id: f.deliveryId }),
    body: () => ({ back: '/dashboard/accounts/acct-1' }),
    form: true,
    ok: [303],
  },
  'OPTIONS *': {
    auth: 'none',
    params: () => ({ '*': 'v1/batch' }),
    headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    ok: [204],
  },
};

/** The case of a route; a HEAD route Fastify added for a GET is swept as that GET. */
const caseOf = (method: string, url: string) =>
  ROUTES[`${method} ${url}`] ?? (method === 'HEAD' ? ROUTES[`GET ${url}`] : undefined);

const encodeQuery = (query: Record<string, string>) =>
  Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');

const formOf = (body: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(body).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))).toString();

/** Every (path, value) of a JSON body, four levels deep (arrays: their first item). */
const fieldsOf = (value: unknown, path: (string | number)[] = [], depth = 0): (string | number)[][] => {
  if (depth >= 4 || typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.length
      ? [[0, value[0]]]
      : []
    : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...path, k], ...fieldsOf(v, [...path, k], depth + 1)]);
};

const PLACEHOLDER = '"@@placeholder@@"';
/** The JSON text of `body` with the field at `path` replaced by `json` (undefined: removed). */
const withField = (body: unknown, path: (string | number)[], json: string | undefined) => {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (json === undefined) {
    if (Array.isArray(at)) at.splice(last as number, 1);
    else delete at[last];
    return JSON.stringify(copy);
  }
  at[last] = JSON.parse(PLACEHOLDER);
  return JSON.stringify(copy).replace(PLACEHOLDER, () => json);
};

// ---- The sweep.

interface Variant {
  label: string;
  request: Sent;
  /** Where the status is known, checked too (401 for a wrong key, not a 2xx). */
  expect?: (status: number) => boolean;
  /** Runs before the request (a fresh session for sign-out). */
  before?: (r: Sent) => Promise<void>;
  /** A further check of the answer. */
  check?: (res: Got) => string | undefined;
}

describe.each(databases)('bad input, every route, on $name', ({ url, skip }) => {
  let s: TestServer;
  let receiver: Receiver;
  let smtp: TestSmtp;
  let base: URL;
  const log = captureLog();
  const fx = {} as Fixture;

  const signIn = async () => {
    const res = await send(base, {
      method: 'POST',
      path: '/dashboard/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `waymark_csrf=${fx.csrfCookie}` },
      body: formOf({ _csrf: fx.csrfToken, secret: SECRET }),
    });
    const session = /waymark_session=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1];
    if (res.status !== 303 || !session) throw new Error(`sign-in failed: ${res.status} ${res.text.slice(0, 200)}`);
    return session;
  };

  beforeAll(async () => {
    if (skip) return;
    receiver = await startReceiver(() => 200);
    smtp = await startSmtp();
    s = await startTestServer(
      url,
      {
        identity: 'required',
        identitySecrets: [IDENTITY_SECRET],
        origins: ['https://app.example'],
        triggers: [{ id: 'first-win', when: { achieved: 'first-project' } }],
        webhooks: [{ url: receiver.url('/hook'), secret: newSecret(), events: ['*'] }],
        email: { smtp: smtp.url, from: 'Acme <hello@acme.example>', appUrl: 'https://app.acme.example' },
      },
      {
        bodyLimit: BODY_LIMIT,
        allowPrivateNetworks: true,
        scheduleEvery: 0,
        logLevel: 'warn',
        logStream: log.stream,
        webhookDelivery: { timeoutMs: 2000, retryDelays: [100] },
        projects: [{ key: 'pk_other', secretKey: OTHER_SECRET, definitions }],
      },
    );
    base = new URL(s.url);
    fx.signIn = signIn;

    // A user in an account with an achievement (so a trigger fired and a webhook went out), and a user to delete.
    fx.userToken = await token('u1', 'acct-1');
    const seeded = await s.post({
      projectKey: 'pk_test',
      userToken: fx.userToken,
      events: [
        wire({
          userId: 'u1',
          anonymousId: 'd1',
          type: 'identify',
          name: undefined,
          traits: { email: 'u1@acme.example' },
        }),
        wire({ userId: 'u1', anonymousId: 'd1', type: 'group', name: undefined, accountId: 'acct-1' }),
        wire({ userId: 'u1', anonymousId: 'd1', name: 'project_created', accountId: 'acct-1' }),
      ],
    });
    expect(seeded.status).toBe(200);
    const gone = await s.post({
      projectKey: 'pk_test',
      userToken: await token('gone'),
      events: [
        wire({
          userId: 'gone',
          anonymousId: 'd-gone',
          name: 'project_created',
          timestamp: new Date(T0 - DAY).toISOString(),
        }),
      ],
    });
    expect(gone.status).toBe(200);
    await s.server.idle();
    const list = await s.admin('GET', '/v1/admin/webhooks/deliveries?limit=1&userId=u1');
    expect(list.body.deliveries.length).toBe(1);
    fx.deliveryId = String(list.body.deliveries[0].id);
    fx.endpointId = (await s.admin('GET', '/v1/admin/webhooks/endpoints')).body.endpoints[0].id;
    const [{ secret }] = await s.server.db.query(
      `select secret from waymark_email_secrets where project_key = 'pk_test'`,
    );
    const link = new URL(unsubscribeUrl(s.url, Buffer.from(secret, 'base64url'), 'pk_test', 'u1@acme.example'));
    fx.unsubscribe = Object.fromEntries(link.searchParams);

    // The dashboard: a CSRF secret (cookie) and its token, from the sign-in page, and a session.
    const page = await send(base, { method: 'GET', path: '/dashboard' });
    fx.csrfCookie = /waymark_csrf=([^;]+)/.exec(String(page.headers['set-cookie']))![1]!;
    fx.csrfToken = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    fx.session = await signIn();
    const other = await send(base, { method: 'GET', path: '/dashboard' });
    fx.otherCsrfToken = /name="_csrf" value="([^"]+)"/.exec(other.text)![1]!;
  }, 60_000);

  afterAll(async () => {
    await s?.close();
    await receiver?.close();
    await smtp?.stop();
  });

  /** The right request for a route, with its credentials. */
  const goodRequest = (method: string, url: string, c: RouteCase, change: Partial<GoodParts> = {}): Sent => {
    const parts: GoodParts = {
      params: c.params?.(fx) ?? {},
      query: c.query?.(fx) ?? {},
      rawQuery: undefined,
      body: c.body?.(fx),
      rawBody: undefined,
      headers: { ...c.headers },
      ...change,
    };
    const headers = { ...parts.headers };
    let body = parts.body === undefined ? undefined : { ...parts.body };
    const cookies: string[] = [];
    if (c.auth === 'admin' && !('authorization' in (change.headers ?? {}))) headers.authorization = `Bearer ${SECRET}`;
    if (c.auth === 'user' && method !== 'POST' && !('authorization' in (change.headers ?? {})))
      headers.authorization = `Bearer ${fx.userToken}`;
    if (c.auth === 'session' || c.auth === 'form') cookies.push(`waymark_session=${fx.session}`);
    if (c.auth === 'csrf' || c.auth === 'form') {
      cookies.push(`waymark_csrf=${fx.csrfCookie}`);
      if (body && !('_csrf' in body)) body = { _csrf: fx.csrfToken, ...body };
    }
    if (cookies.length && !('cookie' in (change.headers ?? {}))) headers.cookie = cookies.join('; ');
    const path = url
      .replace(/:(\w+)|\*/g, (m, name: string | undefined) => parts.params[name ?? m] ?? '')
      .replace(/^(?!\/)/, '/');
    const query = parts.rawQuery ?? (Object.keys(parts.query).length ? `?${encodeQuery(parts.query)}` : '');
    let payload: string | Buffer | undefined = parts.rawBody?.body;
    if (parts.rawBody) {
      if (parts.rawBody.type) headers['content-type'] = parts.rawBody.type;
      if (parts.rawBody.encoding) headers['content-encoding'] = parts.rawBody.encoding;
    } else if (body !== undefined && method !== 'GET' && method !== 'HEAD') {
      headers['content-type'] ??= c.form ? 'application/x-www-form-urlencoded' : 'application/json';
      payload = c.form && headers['content-type'].includes('urlencoded') ? formOf(body) : JSON.stringify(body);
    }
    return { method, path: `${path}${query}`, headers, body: method === 'HEAD' ? undefined : payload };
  };

  interface GoodParts {
    params: Record<string, string>;
    query: Record<string, string>;
    rawQuery: string | undefined;
    body: Record<string, unknown> | undefined;
    rawBody: { type?: string; encoding?: string; body: string | Buffer } | undefined;
    headers: Record<string, string>;
  }

  /** Every malformed request for one route. */
  const variantsOf = async (method: string, url: string, c: RouteCase): Promise<Variant[]> => {
    const out: Variant[] = [];
    const add = (label: string, change: Partial<GoodParts>, extra: Partial<Variant> = {}) =>
      out.push({ label: `${method} ${url} ${label}`, request: goodRequest(method, url, c, change), ...extra });
    const good = { params: c.params?.(fx) ?? {}, query: c.query?.(fx) ?? {}, body: c.body?.(fx) };
    const reads = method !== 'HEAD' && method !== 'OPTIONS';
    const changes = method !== 'GET' && method !== 'HEAD';

    // Path params (and wildcards), one at a time.
    // A raw é is malformed HTTP, answered before the method is known: with a body a HEAD client cannot expect.
    for (const name of Object.keys(good.params))
      for (const bad of [
        ...BAD_SEGMENTS.filter((x) => method !== 'HEAD' || x !== '\u00e9'),
        ...(method === 'HEAD' ? [] : [`${good.params[name]}%00`, `${good.params[name]}%ZZ`]),
      ])
        add(
          `param ${name}=${bad.slice(0, 40)}`,
          { params: { ...good.params, [name]: bad } },
          url.includes('*') && bad.includes('package.json')
            ? { check: (res) => (res.text.includes('"dependencies"') ? 'served a file outside its folder' : undefined) }
            : {},
        );
    if (!reads) return out;

    // A method the URL does not have: 404 (a body that is not JSON is read first, and is a 400 naming it).
    out.push({
      label: `${method} ${url} method PATCH`,
      request: { ...goodRequest(method, url, c), method: 'PATCH' },
      expect: (status) => status === 404 || status === 400,
    });

    // Query parameters: each name known to some route, each bad value, one at a time; odd shapes; odd whole strings.
    const values = changes ? FEW_VALUES : BAD_VALUES;
    for (const name of QUERY_NAMES) {
      const rest = encodeQuery(Object.fromEntries(Object.entries(good.query).filter(([k]) => k !== name)));
      for (const value of values) add(`query ${name}=${value.slice(0, 40)}`, { rawQuery: `?${rest}&${name}=${value}` });
      for (const shape of changes ? QUERY_SHAPES.slice(0, 3) : QUERY_SHAPES)
        add(`query ${shape.replaceAll('NAME', name)}`, { rawQuery: `?${rest}&${shape.replaceAll('NAME', name)}` });
    }
    for (const raw of RAW_QUERIES) add(`query ${raw.slice(0, 40)}`, { rawQuery: raw });

    // Headers that should change nothing, or be refused clearly.
    for (const [k, v] of [
      ['origin', 'https://evil.example'],
      ['origin', 'null'],
      ['accept', 'application/xml'],
      ['content-encoding', 'gzip'],
      ['x-forwarded-for', '%00, not-an-ip'],
      ['range', 'bytes=99999999-'],
      ['range', 'bytes=abc'],
      ['if-modified-since', 'not a date'],
      ['if-none-match', '%00'],
      ['accept-encoding', 'gzip;q=abc, *;q=-1'],
      ['accept-language', 'x'.repeat(3000)],
      ['cookie', '=;;=;%ZZ=%ZZ'],
      ['authorization', 'Bearer %ZZ'],
    ] as const)
      if (!(k in (c.headers ?? {}))) add(`header ${k}: ${v}`, { headers: { ...c.headers, [k]: v } });

    // A body where none is read.
    if (!changes)
      for (const body of ['{', DEEP_ARRAY])
        add(`GET with a body ${body.slice(0, 10)}`, { rawBody: { type: 'application/json', body } });

    // Bodies: not JSON, wrong content types and encodings, and each field of the good body made wrong.
    if (changes) {
      if (good.body) {
        const chunked = goodRequest(method, url, c);
        out.push({ label: `${method} ${url} body chunked`, request: { ...chunked, chunked: true } });
      }
      for (const raw of RAW_BODIES)
        add(`body ${raw.type ?? 'no type'} ${raw.encoding ?? ''} ${String(raw.body).slice(0, 30)}`, { rawBody: raw });
      const body = good.body ?? {};
      const withCsrf = c.auth === 'csrf' || c.auth === 'form' ? { _csrf: fx.csrfToken, ...body } : body;
      for (const path of fieldsOf(withCsrf)) {
        const value = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], withCsrf);
        for (const json of [...wrongValues(value), undefined])
          add(`body ${path.join('.')}=${json?.slice(0, 30) ?? '(removed)'}`, {
            rawBody: { type: 'application/json', body: withField(withCsrf, path, json) },
          });
      }
      for (const json of ['null', '[]', '"x"', DEEP_OBJECT])
        add(`body extra field=${json.slice(0, 20)}`, {
          rawBody: { type: 'application/json', body: withField({ ...withCsrf, zz: 0 }, ['zz'], json) },
        });
      if (c.form)
        for (const name of Object.keys(withCsrf))
          for (const value of ['', '%ZZ', '\u0000', `${withCsrf[name]}\r\nx`, `${withCsrf[name]}✓`, 'x'.repeat(600)]) {
            const fields = Object.entries({ ...withCsrf, [name]: value })
              .map(([k, v]) => `${k}=${k === name && v === '%ZZ' ? v : encodeURIComponent(String(v))}`)
              .join('&');
            const type = 'application/x-www-form-urlencoded';
            add(`form ${name}=${value.slice(0, 30)}`, { rawBody: { type, body: fields } });
            add(`form ${name}=${value.slice(0, 30)}, twice`, { rawBody: { type, body: `${fields}&${name}=other` } });
          }
    }

    // Credentials.
    if (c.auth === 'admin') {
      for (const bad of ADMIN_BAD)
        add(
          `authorization ${bad === undefined ? '(none)' : bad.slice(0, 30)}`,
          { headers: bad === undefined ? { authorization: undefined as never } : { authorization: bad } },
          { expect: (status) => status === 401 },
        );
      add('authorization of another project', { headers: { authorization: `Bearer ${OTHER_SECRET}` } });
    }
    if (c.auth === 'user') {
      for (const bad of await badTokens())
        if (method === 'GET')
          add(
            `user token ${bad.slice(0, 30)}`,
            { headers: { authorization: `Bearer ${bad}` } },
            {
              expect: (status) => status === 401,
            },
          );
        else
          add(
            `userToken ${bad.slice(0, 30)}`,
            { body: { ...good.body, userToken: bad } },
            // Refused whole, or each event naming the user refused: nothing stored for u1.
            {
              check: (res) => {
                if (res.status === 401) return undefined;
                const { accepted, duplicates } = JSON.parse(res.text);
                return accepted + duplicates ? `stored with a bad token: ${res.text.slice(0, 100)}` : undefined;
              },
            },
          );
      if (method === 'GET') {
        add('user token: none', { headers: { authorization: undefined as never } }, { expect: (x) => x === 401 });
        add('user token: Basic', { headers: { authorization: 'Basic dTE6eA==' } }, { expect: (x) => x === 401 });
      }
    }
    if (c.auth === 'session' || c.auth === 'form') {
      const csrf = c.auth === 'form' ? `; waymark_csrf=${fx.csrfCookie}` : '';
      for (const cookie of [
        '',
        'waymark_session=',
        'waymark_session=%ZZ',
        'waymark_session=%00',
        `waymark_session=${'x'.repeat(5000)}`,
        `waymark_session=${fx.session.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A'))}`,
        'waymark_session="quoted"',
        `waymark_session=${fx.session}x`,
        'waymark_session=\u00e9\u00e9',
        '=;;=',
        'waymark_session=bogus; waymark_session=bogus2',
      ])
        add(
          `cookie ${cookie.slice(0, 40) || '(none)'}`,
          { headers: { cookie: `${cookie}${csrf}` } },
          { expect: (status) => status === 303 || (status >= 400 && status < 500) },
        );
    }
    if (c.auth === 'csrf' || c.auth === 'form') {
      const session = c.auth === 'form' ? `waymark_session=${fx.session}; ` : '';
      const body = good.body ?? {};
      const refused = { expect: (status: number) => status === 403 };
      add('csrf: no token', { body: { ...body, _csrf: undefined } }, refused);
      add('csrf: empty token', { body: { ...body, _csrf: '' } }, refused);
      add('csrf: forged token', { body: { ...body, _csrf: 'forged-0123456789' } }, refused);
      add('csrf: no cookie', { headers: { cookie: session.replace(/; $/, '') } }, refused);
      add('csrf: the token of another secret', { body: { ...body, _csrf: fx.otherCsrfToken } }, refused);
      add('csrf: another cookie', { headers: { cookie: `${session}waymark_csrf=${'A'.repeat(24)}` } }, refused);
      add('csrf: cookie %ZZ', { headers: { cookie: `${session}waymark_csrf=%ZZ` } }, refused);
      add('csrf: long cookie', { headers: { cookie: `${session}waymark_csrf=${'x'.repeat(4000)}` } }, refused);
      for (const json of ['123', '[]', '{}', 'null', 'true', JSON.stringify('x'.repeat(5000))])
        add(
          `csrf: token ${json.slice(0, 20)} in JSON`,
          { rawBody: { type: 'application/json', body: withField({ ...body, _csrf: 0 }, ['_csrf'], json) } },
          refused,
        );
    }
    if (c.auth === 'none' && method !== 'OPTIONS')
      add('credentials that mean nothing here', {
        headers: { ...c.headers, authorization: 'Bearer nonsense', cookie: 'waymark_session=nonsense' },
      });
    if (method === 'OPTIONS')
      for (const [k, v] of [
        ['origin', 'https://evil.example'],
        ['origin', ''],
        ['access-control-request-method', 'BREW'],
        ['access-control-request-method', ''],
        ['access-control-request-headers', 'x'.repeat(5000)],
      ] as const)
        add(`preflight ${k}: ${v.slice(0, 20)}`, { headers: { ...c.headers, [k]: v } });
    return out;
  };

  /** Sends each variant (four at a time), and answers the broken ones. */
  const sweep = async (variants: Variant[]) => {
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < variants.length) {
        const v = variants[next++]!;
        const request = {
          ...v.request,
          headers: Object.fromEntries(Object.entries(v.request.headers ?? {}).filter(([, x]) => x !== undefined)),
        };
        if (v.before) await v.before(request);
        let res: Got;
        try {
          res = await send(base, request);
        } catch (error) {
          failures.push(`${v.label}: no answer (${(error as Error).message})`);
          continue;
        }
        const problem = problemOf(v.request.method, res, v.expect) ?? v.check?.(res);
        if (problem)
          failures.push(`${v.label}: ${problem} — ${res.status} ${res.text.slice(0, 160).replace(/\s+/g, ' ')}`);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    return failures;
  };

  const routes = () => s.server.routes.map((r) => ({ ...r, key: `${r.method} ${r.url}` }));

  it.skipIf(skip)('every route the server registers has a case here (add one to ROUTES for a new route)', () => {
    const uncovered = routes()
      .filter((r) => !caseOf(r.method, r.url))
      .map((r) => r.key);
    expect(uncovered).toEqual([]);
    // And every case is a route that exists (a renamed route leaves no stale case behind).
    const registered = new Set(routes().map((r) => r.key));
    expect(Object.keys(ROUTES).filter((k) => !registered.has(k))).toEqual([]);
    expect(routes().length).toBeGreaterThanOrEqual(Object.keys(ROUTES).length);
  });

  /** Every route's good request gets one of its expected statuses. */
  const goodRequestsAnswer = async () => {
    for (const r of routes()) {
      const c = caseOf(r.method, r.url)!;
      const request = goodRequest(r.method, r.url, c);
      if (c.fresh) request.headers!.cookie = request.headers!.cookie!.replace(fx.session, await fx.signIn());
      const res = await send(base, request);
      expect([r.key, res.status]).toEqual([r.key, c.ok.includes(res.status) ? res.status : c.ok[0]]);
    }
  };

  it.skipIf(skip)('each route answers its good request (so the sweep below changes one thing at a time)', async () => {
    await goodRequestsAnswer();
  });

  it.skipIf(skip)(
    'malformed input on every route: never a 5xx, and a JSON error names what was wrong; nothing is left broken',
    async () => {
      const variants: Variant[] = [];
      for (const r of routes()) {
        const c = caseOf(r.method, r.url)!;
        for (const v of await variantsOf(r.method, r.url, c)) {
          if (c.fresh)
            v.before = async (request) => {
              const cookie = request.headers?.cookie;
              if (cookie?.includes(fx.session)) request.headers!.cookie = cookie.replace(fx.session, await fx.signIn());
            };
          variants.push(v);
        }
      }
      // A sweep that built next to nothing would pass for nothing: it sends some 23,700 (2026-12-04).
      expect(variants.length).toBeGreaterThan(20_000);
      const failures = await sweep(variants);
      console.info(
        `bad input on ${url ? 'PostgreSQL' : 'PGlite'}: ${variants.length} requests, ${failures.length} failed`,
      );
      // BAD_INPUT_REPORT=/tmp/bad writes every failure to /tmp/bad-pglite.txt (or -pg.txt): the diff below is cut short.
      if (process.env.BAD_INPUT_REPORT)
        writeFileSync(`${process.env.BAD_INPUT_REPORT}-${url ? 'pg' : 'pglite'}.txt`, failures.join('\n'));
      expect(failures).toEqual([]);

      // Nothing left broken: health, and every route's good request, still answer as before.
      const health = await send(base, { method: 'GET', path: '/health' });
      expect(health.status).toBe(200);
      expect(JSON.parse(health.text).ok).toBe(true);
      await goodRequestsAnswer();
      await s.server.idle();
      // No request failed as a bug would (those are logged at error level).
      expect(log.lines.filter((l) => JSON.parse(l).level >= 50)).toEqual([]);
    },
    600_000,
  );
});
