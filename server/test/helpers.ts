import { Writable } from 'node:stream';
import pg from 'pg';
import type { ProjectConfig, ServerConfig } from '../src/config/types';
import { createServer } from '../src/createServer';
import { signUserToken } from '../src/identity/signUserToken';

export const DATABASE_URL = process.env.DATABASE_URL;

/** The storages every server test runs on. PostgreSQL needs DATABASE_URL; without it those runs are skipped, loudly. */
export const databases = [
  { name: 'PGlite', url: undefined as string | undefined, skip: false },
  { name: 'PostgreSQL', url: DATABASE_URL, skip: !DATABASE_URL },
];
if (!DATABASE_URL) {
  if (process.env.CI)
    throw new Error(
      'DATABASE_URL must be set in CI: the server tests must run on PostgreSQL too (scripts/ci-postgres.sh)',
    );
  console.warn('\n!!! DATABASE_URL is not set: the waymark-server tests on real PostgreSQL are SKIPPED. !!!\n');
}

export const SECRET = 'sk_test_0123456789abcdef';
export const IDENTITY_SECRET = 'identity-secret-0123456789-abcdefghij';
export const ROTATED_SECRET = 'identity-secret-rotated-0123456789-xyz';
export const DAY = 864e5;
/** Product time in the tests: 2026-11-02 09:00 UTC. */
export const T0 = Date.UTC(2026, 10, 2, 9);

export const definitions = {
  milestones: [
    { id: 'first-project', title: 'First project', rule: { event: 'project_created' } },
    { id: 'ten-tasks', title: 'Ten tasks', rule: { event: 'task_completed', count: 10 }, requires: ['first-project'] },
    {
      id: 'team-fifty',
      title: 'Team: fifty tasks',
      rule: { event: 'task_completed', count: 50 },
      scope: 'account' as const,
    },
    { id: 'due-invite', title: 'Invite someone', rule: { event: 'member_invited' }, due: '3d' as const },
  ],
  levels: [{ id: 'getting-started', title: 'Getting started', milestones: ['first-project', 'ten-tasks'] }],
};

let counter = 0;
/** A schema no other test (or earlier run on the same PostgreSQL) uses. */
export const freshSchema = () =>
  `wm_t${Date.now().toString(36)}_${(counter++).toString(36)}_${Math.random().toString(36).slice(2, 6)}`;

/** Collects the server's JSON log lines, to check what is (and is not) logged. */
export const captureLog = () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines, text: () => lines.join('\n') };
};

export interface TestServer {
  url: string;
  server: Awaited<ReturnType<typeof createServer>>;
  clock: { now: number };
  close(): Promise<void>;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  state(query: Record<string, string>, token?: string): Promise<{ status: number; body: any }>;
  admin(method: string, path: string, body?: unknown, secret?: string): Promise<{ status: number; body: any }>;
}

/**
 * A real server on a loopback port, on a fresh PGlite in memory or a fresh schema of the PostgreSQL at `url`, with
 * an injected clock the test moves.
 */
export async function startTestServer(
  url: string | undefined,
  project: Partial<ProjectConfig> = {},
  extra: Partial<ServerConfig> = {},
): Promise<TestServer> {
  const clock = { now: T0 };
  const schema = url ? freshSchema() : 'public';
  const server = await createServer({
    port: 0,
    databaseUrl: url,
    dataDir: ':memory:',
    databaseSchema: schema,
    logLevel: 'silent',
    now: () => clock.now,
    rateLimit: false,
    ...extra,
    projects: [{ key: 'pk_test', secretKey: SECRET, definitions, ...project }, ...(extra.projects ?? [])],
  });
  const base = await server.listen();
  const json = async (res: Response) => {
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  };
  return {
    url: base,
    server,
    clock,
    async close() {
      await server.close();
      if (url) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      }
    },
    async post(body, headers = {}) {
      const res = await fetch(`${base}/v1/batch`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
        body:
          typeof body === 'string' || body instanceof Uint8Array ? (body as RequestInit['body']) : JSON.stringify(body),
      });
      return { status: res.status, body: await json(res), headers: res.headers };
    },
    async state(query, token) {
      const res = await fetch(`${base}/v1/state?${new URLSearchParams({ projectKey: 'pk_test', ...query })}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      return { status: res.status, body: await json(res) };
    },
    async admin(method, path, body, secret = SECRET) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${secret}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await json(res) };
    },
  };
}

let seq = 0;
/** One wire event, with defaults: a `task_completed` by anonymous device `anon-1` at T0. */
export const wire = (over: Record<string, unknown> = {}) => ({
  id: `e${++seq}-${Math.random().toString(36).slice(2, 8)}`,
  type: 'track',
  name: 'task_completed',
  anonymousId: 'anon-1',
  timestamp: new Date(T0).toISOString(),
  ...over,
});

/** `n` events made by `make(i)`. */
export const many = (n: number, make: (i: number) => Record<string, unknown>) =>
  Array.from({ length: n }, (_, i) => wire(make(i)));

export const token = (
  userId: string,
  accountId?: string,
  options: { expiresIn?: string | number } = {},
  secret = IDENTITY_SECRET,
) => signUserToken({ userId, accountId }, secret, options);
