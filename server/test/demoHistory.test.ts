import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedHistory } from '../../examples/app/seedHistory.mjs';
import { createServer } from '../src';
import { DAY, SECRET } from './helpers';

// The demo's synthetic history (examples/app/seedHistory.mjs) must give the dashboard what a real one would: the
// server takes a user's activity from when it receives their events, so a history sent all at once would show every
// user active today, and retention (active in the last 30 days) would be the same for everyone.
const END = Date.UTC(2026, 11, 1, 12);
const IDENTITY = 'identity-secret-0123456789-abcdefghij-demo';
let server: Awaited<ReturnType<typeof createServer>>;
const clock: { now: number | undefined } = { now: undefined };
const admin = async (url: string) =>
  JSON.parse((await server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${SECRET}` } })).body);

beforeAll(async () => {
  server = await createServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    rateLimit: false,
    now: () => clock.now ?? END,
    projects: [
      {
        key: 'pk_demo',
        secretKey: SECRET,
        identitySecrets: [IDENTITY],
        identity: 'required',
        definitions: new URL('../../examples/app/milestones.json', import.meta.url).pathname,
      },
    ],
  });
  await seedHistory(server, clock, {
    projectKey: 'pk_demo',
    identitySecret: IDENTITY,
    end: END,
    accounts: 30,
    users: 200,
  });
}, 120_000);
afterAll(() => server?.close());

describe("the demo's history", () => {
  it('has accounts last seen long before its end, as stalled teams are', async () => {
    const { accounts } = await admin('/v1/admin/accounts?projectKey=pk_demo&limit=100');
    const details = await Promise.all(
      accounts.map((a: { accountId: string }) => admin(`/v1/admin/accounts/${a.accountId}?projectKey=pk_demo`)),
    );
    const lastSeen = details.map((d) =>
      Math.max(...d.members.map((m: { lastSeenAt: string }) => Date.parse(m.lastSeenAt))),
    );
    expect(lastSeen.some((at) => at < END - 30 * DAY)).toBe(true);
    expect(lastSeen.some((at) => at > END - DAY)).toBe(true);
  });

  it('gives achievers and the others different retention', async () => {
    const { milestones } = await admin('/v1/admin/metrics?projectKey=pk_demo');
    const differ = milestones.filter(
      (m: { retention?: { achievers: number; others: number } }) =>
        m.retention && m.retention.achievers !== m.retention.others,
    );
    expect(differ.length).toBeGreaterThan(0);
  });
});
