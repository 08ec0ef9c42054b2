import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, definitions, many, SECRET, startTestServer, T0, type TestServer, wire } from './helpers';

const OTHER_SECRET = 'sk_other_0123456789abcdef';

describe.each(databases)('admin API on $name', ({ url, skip }) => {
  let s: TestServer;
  beforeAll(async () => {
    if (!skip)
      s = await startTestServer(
        url,
        {},
        {
          projects: [
            { key: 'pk_other', secretKey: OTHER_SECRET, definitions: { milestones: [definitions.milestones[0]] } },
          ],
        },
      );
  }, 60_000);
  afterAll(() => s?.close());

  describe.skipIf(skip)('authorisation', () => {
    it('a missing or wrong key is 401; the public project key is no admin key', async () => {
      for (const secret of ['', 'wrong-key-0123456789', 'pk_test', SECRET.slice(0, -1), `${SECRET}x`])
        expect((await s.admin('GET', '/v1/admin/definitions', undefined, secret)).status).toBe(401);
    });

    it("no key reads another project: each key sees its own project's users and definitions", async () => {
      await s.post({
        projectKey: 'pk_test',
        events: [wire({ userId: 'shared-id', anonymousId: 'sid', name: 'project_created' })],
      });
      await s.server.idle();
      expect((await s.admin('GET', '/v1/admin/users/shared-id')).status).toBe(200);
      expect((await s.admin('GET', '/v1/admin/users/shared-id', undefined, OTHER_SECRET)).status).toBe(404);
      expect((await s.admin('GET', '/v1/admin/definitions', undefined, OTHER_SECRET)).body.milestones).toHaveLength(1);
      // The public endpoint of the other project doesn't see it either.
      const other = await fetch(`${s.url}/v1/state?projectKey=pk_other&userId=shared-id&anonymousId=sid`);
      expect(((await other.json()) as { achieved: object }).achieved).toEqual({});
    });
  });

  describe.skipIf(skip)('users', () => {
    it('reads a user: achievements, progress, counts', async () => {
      await s.post({
        projectKey: 'pk_test',
        events: [
          wire({ userId: 'reader', anonymousId: 'r', name: 'project_created' }),
          ...many(3, () => ({ userId: 'reader', anonymousId: 'r' })),
        ],
      });
      await s.server.idle();
      const { status, body } = await s.admin('GET', '/v1/admin/users/reader');
      expect(status).toBe(200);
      expect(body).toMatchObject({
        userId: 'reader',
        startedAt: new Date(T0).toISOString(),
        achieved: { 'first-project': new Date(T0).toISOString() },
        events: 4,
      });
      expect(body.progress.find((p: { id: string }) => p.id === 'ten-tasks')).toEqual({
        id: 'ten-tasks',
        current: 3,
        target: 10,
        status: 'active',
      });
    });

    it("deletes a user: their events, their devices' events, state and achievements; the account is rebuilt without them", async () => {
      const events = [
        wire({ anonymousId: 'gone-device', name: 'task_completed' }),
        wire({ anonymousId: 'gone-device', userId: 'gone', type: 'identify', name: undefined }),
        wire({ anonymousId: 'gone-device', userId: 'gone', type: 'group', name: undefined, accountId: 'acct-g' }),
        ...many(30, () => ({ anonymousId: 'gone-device', userId: 'gone', accountId: 'acct-g' })),
      ];
      await s.post({ projectKey: 'pk_test', events });
      await s.post({
        projectKey: 'pk_test',
        events: many(25, () => ({ anonymousId: 'stays', userId: 'stays', accountId: 'acct-g' })),
      });
      await s.server.idle();
      expect((await s.state({ userId: 'stays', anonymousId: 'stays' })).body.achieved['team-fifty']).toBeDefined();
      const res = await s.admin('DELETE', '/v1/admin/users/gone');
      expect(res).toEqual({ status: 200, body: { deleted: 33 } });
      await s.server.idle();
      const rows = await s.server.db.query(
        `select count(*)::int as n from waymark_events where user_id = 'gone' or anonymous_id = 'gone-device'`,
      );
      expect(rows[0].n).toBe(0);
      expect((await s.admin('GET', '/v1/admin/users/gone')).status).toBe(404);
      // 25 tasks remain in the account: fifty is no longer reached.
      expect((await s.state({ userId: 'stays', anonymousId: 'stays' })).body.achieved['team-fifty']).toBeUndefined();
    });
  });

  describe.skipIf(skip)('definitions', () => {
    it('are versioned: a PUT validates (400 with every path) and publishes a new version', async () => {
      const current = (await s.admin('GET', '/v1/admin/definitions')).body;
      expect(current.version).toBe(1);
      const bad = await s.admin('PUT', '/v1/admin/definitions', {
        milestones: [{ id: 'X!', title: '', rule: { event: 'e', count: 0 } }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
        expect.arrayContaining(['milestones[0].id']),
      );
      expect((await s.admin('GET', '/v1/admin/definitions')).body.version).toBe(1);
    });

    it('a new milestone is evaluated for existing users from their kept progress, and recorded under its version', async () => {
      await s.post({ projectKey: 'pk_test', events: many(5, () => ({ userId: 'veteran', anonymousId: 'vet' })) });
      await s.server.idle();
      const five = { id: 'five-tasks', title: 'Five tasks', rule: { event: 'task_completed', count: 5 } };
      const put = await s.admin('PUT', '/v1/admin/definitions', {
        milestones: [...definitions.milestones, five],
        levels: definitions.levels,
      });
      expect(put.status).toBe(200);
      expect(put.body.version).toBe(2);
      await s.server.idle();
      expect((await s.state({ userId: 'veteran', anonymousId: 'vet' })).body.achieved['five-tasks']).toBeDefined();
      const [row] = await s.server.db.query(
        `select definitions_version from waymark_achievements where subject = 'u:veteran' and milestone_id = 'five-tasks'`,
      );
      expect(row.definitions_version).toBe(2);
    });
  });
});
