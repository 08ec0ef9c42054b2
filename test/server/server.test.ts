import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, startServer, type Database } from '../../examples/server/index.mjs';
import { createWaymark } from '../../src/index';
import { at, databases, definitions, freshProject, post, serve, state, wire } from './server.helpers';

const NOW = Date.parse('2026-12-15T00:00:00Z');

describe.each(databases)('reference server on $name', ({ url, skip }) => {
  let db: Database;
  let srv: Awaited<ReturnType<typeof serve>>;
  const count = async (projectKey: string) =>
    (await db.query('select count(*)::int as n from waymark_events where project_key = $1', [projectKey]))[0].n as number;

  beforeAll(async () => {
    if (skip) return;
    db = await openDatabase({ url });
    srv = await serve({
      db,
      definitions,
      origins: ['https://app.example.com'],
      bodyLimit: 50_000,
      createWaymark,
      benchmarkTtl: 0,
      benchmarkMinPeople: 1,
      now: () => NOW,
    });
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
    await db?.close();
  });

  describe.skipIf(skip)('POST /v1/batch', () => {
    it('stores a batch once; the same batch again is all duplicates', async () => {
      const projectKey = freshProject();
      const events = [wire(), wire(), wire({ type: 'identify', name: undefined, userId: 'u1' })];
      expect((await post(srv.url, { projectKey, sentAt: at(0), events })).body).toEqual({ accepted: 3, duplicates: 0 });
      expect((await post(srv.url, { projectKey, sentAt: at(0), events })).body).toEqual({ accepted: 0, duplicates: 3 });
      expect(await count(projectKey)).toBe(3);
    });

    it('counts an id repeated inside one batch, or overlapping an earlier batch, once', async () => {
      const projectKey = freshProject();
      const [a, b, c] = [wire(), wire(), wire()];
      await post(srv.url, { projectKey, events: [a, b] });
      expect((await post(srv.url, { projectKey, events: [b, c, c] })).body).toEqual({ accepted: 1, duplicates: 2 });
      expect(await count(projectKey)).toBe(3);
    });

    it('concurrent clients sending overlapping batches: every event stored exactly once', async () => {
      const projectKey = freshProject();
      const batches = Array.from({ length: 12 }, () => Array.from({ length: 25 }, () => wire()));
      // Each batch goes out three times, from different clients, all at once (a retry storm).
      const results = await Promise.all([...batches, ...batches, ...batches].map((events) => post(srv.url, { projectKey, events })));
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(results.reduce((sum, r) => sum + r.body.accepted, 0)).toBe(300);
      expect(results.reduce((sum, r) => sum + r.body.duplicates, 0)).toBe(600);
      expect(await count(projectKey)).toBe(300);
    });

    it('a batch whose transaction fails stores nothing, and its retry stores all', async () => {
      const projectKey = freshProject();
      const failing = await serve({
        db: { ...db, transaction: (fn) => db.transaction(async (q) => (await fn(q), Promise.reject(new Error('disk full')))) },
      });
      const events = [wire(), wire(), wire()];
      const quiet = console.error;
      console.error = () => {};
      const res = await post(failing.url, { projectKey, events }).finally(() => (console.error = quiet));
      await failing.close();
      expect(res).toMatchObject({ status: 500, body: { error: 'internal error' } });
      expect(await count(projectKey)).toBe(0);
      expect((await post(srv.url, { projectKey, events })).body).toEqual({ accepted: 3, duplicates: 0 });
    });

    it.each([
      ['{"projectKey": "pk", "events": [', 'body: malformed JSON'],
      [[], 'body: expected a JSON object'],
      [{ events: [wire()] }, 'projectKey: '],
      [{ projectKey: 'pk', events: 'x' }, 'events: expected an array'],
      [{ projectKey: 'pk', events: [] }, 'events: expected an array'],
      [{ projectKey: 'pk', events: [wire(), wire({ anonymousId: undefined })] }, 'events[1].anonymousId: '],
      [{ projectKey: 'pk', events: [wire({ id: '' })] }, 'events[0].id: '],
      [{ projectKey: 'pk', events: [wire({ type: 'page' })] }, 'events[0].type: expected one of track, identify, group, achieved'],
      [{ projectKey: 'pk', events: [wire({ name: undefined })] }, 'events[0].name: '],
      [{ projectKey: 'pk', events: [wire({ type: 'group' })] }, 'events[0].accountId: '],
      [{ projectKey: 'pk', events: [wire({ properties: [1] })] }, 'events[0].properties: expected an object'],
      [{ projectKey: 'pk', events: [wire({ timestamp: '2026-02-30T10:00:00Z' })] }, 'events[0].timestamp: '],
      [{ projectKey: 'pk', sentAt: 'yesterday', events: [wire()] }, 'sentAt: '],
    ])('answers 400 naming the field: %j', async (body, message) => {
      const res = await post(srv.url, body);
      expect(res.status).toBe(400);
      expect(res.body.error.startsWith(message)).toBe(true);
    });

    it('limits the body size (413), also once gunzipped; takes gzip bodies', async () => {
      const projectKey = freshProject();
      const big = { projectKey, events: [wire({ properties: { blob: 'x'.repeat(60_000) } })] };
      expect((await post(srv.url, big)).status).toBe(413);
      const bomb = gzipSync(JSON.stringify(big));
      expect(bomb.length).toBeLessThan(50_000);
      expect((await post(srv.url, bomb, { 'content-encoding': 'gzip' })).body.error).toMatch(/^body: larger than 50000 bytes once gunzipped/);
      const small = { projectKey, events: [wire(), wire()] };
      expect((await post(srv.url, gzipSync(JSON.stringify(small)), { 'content-encoding': 'gzip' })).body).toEqual({ accepted: 2, duplicates: 0 });
      expect((await post(srv.url, Buffer.from('nope'), { 'content-encoding': 'gzip' })).body.error).toBe('body: not valid gzip');
    });

    it('allows CORS for the configured origins only', async () => {
      const preflight = (origin: string) =>
        fetch(`${srv.url}/v1/batch`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      const ok = await preflight('https://app.example.com');
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(ok.headers.get('access-control-allow-headers')).toContain('content-encoding');
      expect((await preflight('https://evil.example')).status).toBe(403);
      const projectKey = freshProject();
      const allowed = await post(srv.url, { projectKey, events: [wire()] }, { origin: 'https://app.example.com' });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      const other = await post(srv.url, { projectKey, events: [wire()] }, { origin: 'https://evil.example' });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses unknown project keys when a list is configured', async () => {
      const limited = await serve({ db, projectKeys: ['pk_live'] });
      const res = await post(limited.url, { projectKey: 'pk_other', events: [wire()] });
      await limited.close();
      expect(res).toMatchObject({ status: 403, body: { error: 'projectKey: unknown project "pk_other"' } });
    });
  });

  describe.skipIf(skip)('GET /v1/state', () => {
    it('serves definitions, achievements recomputed by the engine, and the start', async () => {
      const projectKey = freshProject();
      const events = [
        wire({ name: 'project_created', timestamp: at(0) }),
        ...Array.from({ length: 10 }, (_, i) => wire({ timestamp: at(1, 10 + i) })),
      ];
      await post(srv.url, { projectKey, events });
      await srv.app.idle();
      const res = await state(srv.url, { projectKey, anonymousId: 'anon-1' });
      expect(res.status).toBe(200);
      expect(res.body.milestones.map((m: { id: string }) => m.id)).toEqual(['first-project', 'ten-tasks', 'team-fifty']);
      expect(res.body.achieved).toEqual({ 'first-project': at(0), 'ten-tasks': at(1, 19) });
      expect(res.body.startedAt).toBe(at(0));
    });

    it('carries a device’s anonymous events over to the user it identified as', async () => {
      const projectKey = freshProject();
      const anonymous = [wire({ name: 'project_created', anonymousId: 'dev-9', timestamp: at(0) })];
      for (let i = 0; i < 9; i++) anonymous.push(wire({ anonymousId: 'dev-9', timestamp: at(0, 10 + i) }));
      await post(srv.url, { projectKey, events: anonymous });
      await post(srv.url, {
        projectKey,
        events: [
          wire({ type: 'identify', name: undefined, userId: 'ux', anonymousId: 'dev-9', timestamp: at(1) }),
          wire({ userId: 'ux', anonymousId: 'dev-9', timestamp: at(1, 12) }),
        ],
      });
      await srv.app.idle();
      const res = await state(srv.url, { projectKey, userId: 'ux', anonymousId: 'other-device' });
      expect(res.body.achieved).toEqual({ 'first-project': at(0), 'ten-tasks': at(1, 12) });
      expect(res.body.startedAt).toBe(at(0));
    });

    it('evaluates account-scope milestones across the account’s users', async () => {
      const projectKey = freshProject();
      const tasks = (userId: string, n: number, hour: number) =>
        Array.from({ length: n }, (_, i) => wire({ userId, anonymousId: 'd-' + userId, accountId: 'acct_1', timestamp: at(2, hour, i) }));
      await post(srv.url, { projectKey, events: tasks('ua', 30, 9) });
      await post(srv.url, { projectKey, events: [...tasks('ub', 20, 12), wire({ userId: 'uc', anonymousId: 'd-uc', timestamp: at(2) })] });
      await srv.app.idle();
      expect((await state(srv.url, { projectKey, userId: 'ua' })).body.achieved['team-fifty']).toBeDefined();
      expect((await state(srv.url, { projectKey, userId: 'ub' })).body.achieved['team-fifty']).toBeDefined();
      expect((await state(srv.url, { projectKey, userId: 'uc' })).body.achieved['team-fifty']).toBeUndefined();
      // Neither user did 50 alone: the milestone is the account's.
      expect((await srv.app.verify(projectKey, { userId: 'ua' })).achieved['team-fifty']).toBeUndefined();
    });

    it('verifies claims: an achievement the events do not support is unconfirmed', async () => {
      const projectKey = freshProject();
      await post(srv.url, {
        projectKey,
        events: [
          wire({ userId: 'cheat', name: 'project_created' }),
          wire({ userId: 'cheat' }),
          wire({ userId: 'cheat', type: 'achieved', name: 'first-project' }),
          wire({ userId: 'cheat', type: 'achieved', name: 'ten-tasks' }),
        ],
      });
      const verdict = await srv.app.verify(projectKey, { userId: 'cheat' });
      expect(Object.keys(verdict.achieved)).toEqual(['first-project']);
      expect(verdict.unconfirmed).toEqual(['ten-tasks']);
    });

    it('computes benchmarks from its own data: typical day and the asker’s percentile', async () => {
      const projectKey = freshProject();
      const person = (userId: string, achievedDay?: number) => [
        wire({ userId, anonymousId: 'd-' + userId, name: 'app_opened', timestamp: at(0) }),
        ...(achievedDay === undefined ? [] : [wire({ userId, anonymousId: 'd-' + userId, name: 'project_created', timestamp: at(achievedDay, 10) })]),
      ];
      await post(srv.url, { projectKey, events: [...person('p1', 0), ...person('p2', 2), ...person('p3', 5), ...person('p4')] });
      await srv.app.idle();
      const of = async (userId: string) => (await state(srv.url, { projectKey, userId })).body.benchmarks['first-project'];
      expect(await of('p1')).toEqual({ typicalDays: 3, percentile: 100 });
      expect(await of('p2')).toEqual({ typicalDays: 3, percentile: 67 });
      expect(await of('p3')).toEqual({ typicalDays: 3, percentile: 33 });
      expect(await of('p4')).toEqual({ typicalDays: 3 });
    });

    it('answers 400 naming the missing parameter', async () => {
      expect((await state(srv.url, { anonymousId: 'a' })).body).toEqual({ error: 'projectKey: required' });
      expect((await state(srv.url, { projectKey: 'pk' })).body).toEqual({ error: 'anonymousId: required (or userId)' });
    });
  });

  it.skipIf(skip)('restarts with its data kept', async () => {
    const dir = url ? undefined : mkdtempSync(join(tmpdir(), 'waymark-server-'));
    const options = { databaseUrl: url, dataDir: dir, definitions, createWaymark };
    const projectKey = freshProject();
    const events = [wire({ userId: 'r1', name: 'project_created', timestamp: at(0) }), wire({ userId: 'r1' })];
    try {
      const first = await startServer(options);
      expect((await post(first.url, { projectKey, events })).body).toEqual({ accepted: 2, duplicates: 0 });
      await first.close();
      const second = await startServer(options);
      expect((await post(second.url, { projectKey, events })).body).toEqual({ accepted: 0, duplicates: 2 });
      expect((await state(second.url, { projectKey, userId: 'r1' })).body.achieved).toEqual({ 'first-project': at(0) });
      await second.close();
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
