import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureLog, DAY, databases, many, startTestServer, T0, type TestServer, wire } from './helpers';

const iso = (t: number) => new Date(t).toISOString();

describe.each(databases)('verification on $name', ({ url, skip }) => {
  let s: TestServer;
  let n = 0;
  const anon = () => `anon-${Date.now().toString(36)}-${n++}`;
  const settle = () => s.server.idle();

  beforeAll(async () => {
    if (!skip) s = await startTestServer(url);
  }, 60_000);
  afterAll(() => s?.close());
  beforeEach(() => {
    if (s) s.clock.now = T0;
  });

  describe.skipIf(skip)('achievements are the server recomputing, with the same engine', () => {
    it('an anonymous device completes a milestone; its state says so, with the server as the start', async () => {
      const device = anon();
      await s.post({ projectKey: 'pk_test', events: [wire({ anonymousId: device, name: 'project_created' })] });
      await settle();
      const { body } = await s.state({ anonymousId: device });
      expect(body.achieved).toEqual({ 'first-project': iso(T0) });
      expect(body.startedAt).toBe(iso(T0));
      expect(body.milestones.map((m: { id: string }) => m.id)).toEqual([
        'first-project',
        'ten-tasks',
        'team-fifty',
        'due-invite',
      ]);
    });

    it('a forged achieved claim is never served, nor one for an id that is no milestone', async () => {
      const device = anon();
      const forged = [
        wire({ anonymousId: device, type: 'achieved', name: 'ten-tasks' }),
        wire({ anonymousId: device, type: 'achieved', name: '<img src=x onerror=alert(1)>' }),
        ...many(50, () => ({ anonymousId: device, type: 'achieved', name: `junk-${Math.random()}` })),
      ];
      expect((await s.post({ projectKey: 'pk_test', events: forged })).body.accepted).toBe(52);
      await settle();
      const { body } = await s.state({ anonymousId: device });
      expect(body.achieved).toEqual({});
      expect(JSON.stringify(body).length).toBeLessThan(2000);
    });

    it('prerequisites hold: ten tasks before the first project count, and achieve it when the project comes', async () => {
      const device = anon();
      await s.post({
        projectKey: 'pk_test',
        events: many(10, (i) => ({ anonymousId: device, timestamp: iso(T0 + i * 1000) })),
      });
      await settle();
      expect((await s.state({ anonymousId: device })).body.achieved).toEqual({});
      await s.post({
        projectKey: 'pk_test',
        events: [wire({ anonymousId: device, name: 'project_created', timestamp: iso(T0 + 60_000) })],
      });
      await settle();
      expect(Object.keys((await s.state({ anonymousId: device })).body.achieved).sort()).toEqual([
        'first-project',
        'ten-tasks',
      ]);
    });

    it('events arriving in several batches and out of order reach the same result', async () => {
      const device = anon();
      const events = [
        wire({ anonymousId: device, name: 'project_created' }),
        ...many(10, () => ({ anonymousId: device })),
      ];
      for (const e of events.reverse()) await s.post({ projectKey: 'pk_test', events: [e] });
      await settle();
      expect(Object.keys((await s.state({ anonymousId: device })).body.achieved).sort()).toEqual([
        'first-project',
        'ten-tasks',
      ]);
    });

    it("identify: the device becomes the user, its progress carries over, the user starts at the device's start", async () => {
      const device = anon();
      const userId = `u-${device}`;
      await s.post({
        projectKey: 'pk_test',
        events: [wire({ anonymousId: device, name: 'project_created' }), ...many(4, () => ({ anonymousId: device }))],
      });
      await settle();
      s.clock.now = T0 + DAY;
      await s.post({
        projectKey: 'pk_test',
        events: [
          wire({ anonymousId: device, type: 'identify', name: undefined, userId, timestamp: iso(T0 + DAY) }),
          ...many(6, () => ({ anonymousId: device, userId, timestamp: iso(T0 + DAY) })),
        ],
      });
      await settle();
      const { body } = await s.state({ userId, anonymousId: device });
      expect(Object.keys(body.achieved).sort()).toEqual(['first-project', 'ten-tasks']);
      expect(body.startedAt).toBe(iso(T0));
      // The device's own state is not the user's: reading it by the anonymous id shows nothing of theirs.
      expect((await s.state({ anonymousId: device })).body.achieved).toEqual({});
    });

    it("account-scope milestones are evaluated over the account's users together, and served to each of them", async () => {
      const account = `acct-${anon()}`;
      const users = ['a', 'b'].map((x) => `${account}-${x}`);
      for (const userId of users)
        await s.post({
          projectKey: 'pk_test',
          events: [
            wire({ anonymousId: userId, userId, type: 'group', name: undefined, accountId: account }),
            ...many(25, () => ({ anonymousId: userId, userId, accountId: account })),
          ],
        });
      await settle();
      for (const userId of users)
        expect((await s.state({ userId, anonymousId: userId })).body.achieved['team-fifty']).toBe(iso(T0));
    });
  });

  describe.skipIf(skip)("time is the server's: forged dates are clamped and counted", () => {
    it('an event dated 1990 neither moves the start nor makes a milestone overdue', async () => {
      const userId = `u-${anon()}`;
      await s.post({
        projectKey: 'pk_test',
        events: [wire({ anonymousId: userId, userId, name: 'page_viewed', timestamp: '1990-01-01T00:00:00.000Z' })],
      });
      await settle();
      const { body } = await s.state({ userId, anonymousId: userId });
      expect(body.startedAt).toBe(iso(T0));
      const user = (await s.admin('GET', `/v1/admin/users/${userId}`)).body;
      expect(user.clampedEvents).toBe(1);
      expect(user.progress.find((p: { id: string }) => p.id === 'due-invite').status).toBe('active');
    });

    it('an achievement dated in the future is recorded at its arrival', async () => {
      const device = anon();
      await s.post({
        projectKey: 'pk_test',
        events: [wire({ anonymousId: device, name: 'project_created', timestamp: '2030-01-01T00:00:00.000Z' })],
      });
      await settle();
      expect((await s.state({ anonymousId: device })).body.achieved['first-project']).toBe(iso(T0));
    });
  });

  describe.skipIf(skip)('benchmarks come from verified, identified users only', () => {
    it('typicalDays and percentile from real users; 120 forged fast achievements move nothing', async () => {
      // A project of its own, so other tests' users don't count.
      const b = await startTestServer(url, { key: 'pk_bench' });
      try {
        const post = (events: unknown[]) => b.post({ projectKey: 'pk_bench', events });
        for (let i = 0; i < 8; i++)
          await post([wire({ anonymousId: `bu${i}`, userId: `bu${i}`, name: 'page_viewed' })]);
        await b.server.idle();
        b.clock.now = T0 + 9.5 * DAY;
        for (let i = 0; i < 6; i++)
          await post([
            wire({ anonymousId: `bu${i}`, userId: `bu${i}`, name: 'project_created', timestamp: iso(b.clock.now) }),
          ]);
        await b.server.idle();
        const before = (await b.state({ projectKey: 'pk_bench', userId: 'bu0', anonymousId: 'bu0' })).body.benchmarks[
          'first-project'
        ];
        expect(before.typicalDays).toBe(10);
        // bu0 took 9.5 days; of the 7 peers as old, 5 others took as long (none faster), 2 never did it.
        expect(before.percentile).toBe(100);
        // The attack: 120 anonymous devices "achieving" it at once, some dated before anyone started.
        await post(
          many(120, (i) => ({
            anonymousId: `forger-${i}`,
            name: 'project_created',
            timestamp: i % 2 ? iso(T0 - 400 * DAY) : iso(b.clock.now),
          })),
        );
        await post(
          many(120, (i) => ({
            anonymousId: `forger-${i}`,
            type: 'achieved',
            name: 'first-project',
            timestamp: iso(T0 - 400 * DAY),
          })),
        );
        await b.server.idle();
        const after = (await b.state({ projectKey: 'pk_bench', userId: 'bu0', anonymousId: 'bu0' })).body.benchmarks[
          'first-project'
        ];
        expect(after).toEqual(before);
      } finally {
        await b.close();
      }
    }, 60_000);
  });

  describe.skipIf(skip)('incremental, and nothing of the events in the log', () => {
    it("a heavy user's next event applies one event, not their history", async () => {
      const log = captureLog();
      const h = await startTestServer(url, {}, { logLevel: 'debug', logStream: log.stream });
      try {
        const userId = 'heavy-user-secret-id';
        const properties = { note: 'PROPERTY-SECRET' };
        await h.post({
          projectKey: 'pk_test',
          events: [
            wire({
              anonymousId: userId,
              userId,
              type: 'identify',
              name: undefined,
              properties: { email: 'TRAIT-SECRET@example.com' },
            }),
          ],
        });
        for (let i = 0; i < 4; i++)
          await h.post({
            projectKey: 'pk_test',
            events: many(1000, () => ({ anonymousId: userId, userId, properties })),
          });
        await h.server.idle();
        const before = await h.server.db.query(`select events, doc from waymark_subjects where subject = $1`, [
          `u:${userId}`,
        ]);
        expect(Number(before[0].events)).toBe(4001);
        const runs = () => log.lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'verified' && l.kind === 'u');
        const seen = runs().length;
        await h.post({ projectKey: 'pk_test', events: [wire({ anonymousId: userId, userId, properties })] });
        await h.server.idle();
        expect(
          runs()
            .slice(seen)
            .map((r) => r.applied),
        ).toEqual([1]);
        const after = await h.server.db.query(`select events, doc from waymark_subjects where subject = $1`, [
          `u:${userId}`,
        ]);
        expect(Number(after[0].events)).toBe(4002);
        // The stored state is bounded: a count, not a list of events.
        expect(JSON.stringify(after[0].doc).length).toBeLessThan(1000);
        expect(JSON.stringify(after[0].doc).length).toBe(JSON.stringify(before[0].doc).length);
        await h.state({ userId, anonymousId: userId });
        expect(log.lines.length).toBeGreaterThan(10);
        for (const secret of ['PROPERTY-SECRET', 'TRAIT-SECRET', userId]) expect(log.text()).not.toContain(secret);
      } finally {
        await h.close();
      }
    }, 60_000);
  });
});
