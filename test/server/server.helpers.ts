import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from '../../examples/server/index.mjs';
import type { MilestoneDefinition } from '../../src/types';

export const DATABASE_URL = process.env.DATABASE_URL;

/** The storages every server test runs on. PostgreSQL needs DATABASE_URL; outside CI it is skipped, loudly. */
export const databases = [
  { name: 'PGlite (embedded)', url: undefined as string | undefined, skip: false },
  { name: 'PostgreSQL (DATABASE_URL)', url: DATABASE_URL, skip: !DATABASE_URL },
];
if (!DATABASE_URL) {
  if (process.env.CI) throw new Error('DATABASE_URL must be set in CI: the server tests must run on PostgreSQL too (scripts/ci-postgres.sh)');
  console.warn(
    '\n' +
      '!!! DATABASE_URL is not set: the server tests on real PostgreSQL are SKIPPED. !!!\n' +
      '!!! Run them: DATABASE_URL="$(bash scripts/ci-postgres.sh | tail -1)" npx vitest run test/server\n',
  );
}

export const definitions: { milestones: MilestoneDefinition[] } = {
  milestones: [
    { id: 'first-project', title: 'First project', rule: { event: 'project_created' } },
    { id: 'ten-tasks', title: 'Ten tasks', rule: { event: 'task_completed', count: 10 }, requires: ['first-project'] },
    { id: 'team-fifty', title: 'Team: fifty tasks', rule: { event: 'task_completed', count: 50 }, scope: 'account' },
  ],
};

/** Serves an app over a real loopback connection on an ephemeral port. */
export async function serve(options: AppOptions) {
  const app = createApp(options);
  const server = createServer(app.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }).then(app.idle),
  };
}

let n = 0;
/** A project key no other test (or earlier run on the same PostgreSQL) uses. */
export const freshProject = () => `pk_${Date.now().toString(36)}_${(n++).toString(36)}_${Math.random().toString(36).slice(2, 6)}`;

export const at = (day: number, hour = 9, minute = 0) => new Date(Date.UTC(2026, 10, 2 + day, hour, minute)).toISOString();

let seq = 0;
export const wire = (over: Record<string, unknown> = {}) => ({
  id: `e${++seq}-${Math.random().toString(36).slice(2, 8)}`,
  type: 'track',
  name: 'task_completed',
  anonymousId: 'anon-1',
  timestamp: at(0),
  ...over,
});

export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

export async function state(url: string, query: Record<string, string>) {
  const res = await fetch(`${url}/v1/state?${new URLSearchParams(query)}`);
  return { status: res.status, body: (await res.json()) as any };
}
