import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchTransport, createWaymark, type Transport, type WaymarkError } from 'waymark';
import { signUserToken } from '../src/identity/signUserToken';
import { databases, definitions, IDENTITY_SECRET, startTestServer, type TestServer, token } from './helpers';

describe.each(databases)('the real client and waymark-server on $name', ({ url, skip }) => {
  let s: TestServer;
  beforeAll(async () => {
    if (!skip) s = await startTestServer(url);
  }, 60_000);
  afterAll(() => s?.close());

  it.skipIf(skip)(
    'a flaky network (30% of requests lost, half after the server stored them): every event stored once, verified, pulled back',
    async () => {
      const base = createFetchTransport();
      let requests = 0;
      let seed = 7;
      const random = () => {
        seed = (seed * 16807) % 2147483647;
        return seed / 2147483647;
      };
      // Lost on the way there, or the answer lost on the way back (the server stored the batch; the client sends it again).
      const flaky: Transport = async (request) => {
        requests++;
        const roll = random();
        if (roll < 0.15) throw new Error('network error');
        const res = await base(request);
        if (roll < 0.3) throw new Error('connection reset');
        return res;
      };
      const errors: WaymarkError[] = [];
      const wm = createWaymark({
        projectKey: 'pk_test',
        endpoint: s.url,
        storage: 'memory',
        transport: flaky,
        ...definitions,
        now: () => s.clock.now,
      });
      wm.on('error', (e) => errors.push(e));
      await wm.ready;
      wm.track('project_created');
      for (let i = 0; i < 150; i++) wm.track('task_completed', { i });
      for (let attempt = 0; attempt < 300; attempt++) {
        await wm.flush();
        const [{ n }] = await s.server.db.query(`select count(*)::int as n from waymark_events where type = 'track'`);
        if (n === 151) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const rows = await s.server.db.query(`select id from waymark_events where type = 'track'`);
      expect(rows).toHaveLength(151);
      expect(new Set(rows.map((r) => r.id)).size).toBe(151);
      expect(requests).toBeGreaterThan(8);
      await s.server.idle();
      const [anonymousId] = (await s.server.db.query(`select distinct anonymous_id from waymark_events`)).map(
        (r) => r.anonymous_id,
      );
      expect(Object.keys((await s.state({ anonymousId })).body.achieved).sort()).toEqual([
        'first-project',
        'ten-tasks',
      ]);
      wm.destroy();
      expect(errors.filter((e) => e.code !== 'pull_failed')).toEqual([]);
    },
    120_000,
  );
});

describe.each(databases)("the real client with identity 'required' on $name", ({ url, skip }) => {
  let s: TestServer;
  beforeAll(async () => {
    if (!skip) s = await startTestServer(url, { identity: 'required', identitySecrets: [IDENTITY_SECRET] });
  }, 60_000);
  afterAll(() => s?.close());

  it.skipIf(skip)(
    'an expired token: 401, identity_rejected, events kept; a new token sends them, none lost, none twice',
    async () => {
      const expired = await signUserToken({ userId: 'tok-user' }, IDENTITY_SECRET, { expiresIn: -120 });
      const errors: WaymarkError[] = [];
      const wm = createWaymark({
        projectKey: 'pk_test',
        endpoint: s.url,
        storage: 'memory',
        ...definitions,
        userId: 'tok-user',
        userToken: expired,
      });
      wm.on('error', (e) => errors.push(e));
      await wm.ready;
      wm.track('project_created');
      for (let i = 0; i < 12; i++) wm.track('task_completed');
      await wm.flush();
      const count = async () =>
        (await s.server.db.query(`select count(*)::int as n from waymark_events where user_id = 'tok-user'`))[0].n;
      expect(await count()).toBe(0);
      expect(errors.filter((e) => e.code === 'identity_rejected')).toHaveLength(1);
      wm.identify('tok-user', undefined, { token: await token('tok-user') });
      for (let i = 0; i < 100 && (await count()) < 13; i++) {
        await wm.flush();
        await new Promise((r) => setTimeout(r, 50));
      }
      const rows = await s.server.db.query(
        `select id, verified from waymark_events where user_id = 'tok-user' and type = 'track'`,
      );
      expect(rows).toHaveLength(13);
      expect(rows.every((r) => r.verified)).toBe(true);
      await s.server.idle();
      expect(
        Object.keys(
          (await s.state({ userId: 'tok-user', anonymousId: 'x' }, await token('tok-user'))).body.achieved,
        ).sort(),
      ).toEqual(['first-project', 'ten-tasks']);
      wm.destroy();
    },
    120_000,
  );

  it.skipIf(skip)(
    'a bad event is rejected alone: the client drops it with event_rejected, the rest is stored',
    async () => {
      const errors: WaymarkError[] = [];
      // A custom transport that corrupts one event's timestamp on the way, as a buggy proxy might.
      const base = createFetchTransport();
      const corrupting: Transport = (request) => {
        if (request.method === 'POST' && typeof request.body === 'string') {
          const body = JSON.parse(request.body);
          body.events[1].timestamp = '0000-01-01T00:00:00Z';
          request = { ...request, body: JSON.stringify(body) };
        }
        return base(request);
      };
      const wm = createWaymark({
        projectKey: 'pk_test',
        endpoint: s.url,
        storage: 'memory',
        transport: corrupting,
        ...definitions,
      });
      wm.on('error', (e) => errors.push(e));
      await wm.ready;
      for (let i = 0; i < 5; i++) wm.track('task_completed', { i });
      await wm.flush();
      const rejected = errors.filter((e) => e.code === 'event_rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0].message).toMatch(/timestamp/);
      const rows = await s.server.db.query(
        `select count(*)::int as n from waymark_events where user_id is null and type = 'track' and properties ? 'i'`,
      );
      expect(rows[0].n).toBe(4);
      // Nothing is left to send: the rejected event was dropped, not retried.
      await wm.flush();
      expect(errors.filter((e) => e.code === 'event_rejected')).toHaveLength(1);
      wm.destroy();
    },
    60_000,
  );
});
