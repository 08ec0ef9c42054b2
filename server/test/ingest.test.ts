import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, many, startTestServer, T0, type TestServer, wire } from './helpers';

describe.each(databases)('POST /v1/batch on $name', ({ url, skip }) => {
  let s: TestServer;
  const count = async () => (await s.server.db.query('select count(*)::int as n from waymark_events'))[0].n as number;

  beforeAll(async () => {
    if (!skip) s = await startTestServer(url, {}, { bodyLimit: 50_000, maxEvents: 100 });
  }, 60_000);
  afterAll(() => s?.close());

  describe.skipIf(skip)('storing', () => {
    it('stores a batch once; the same batch again is all duplicates', async () => {
      const before = await count();
      const events = [wire(), wire(), wire({ type: 'identify', name: undefined, userId: 'u1' })];
      expect((await s.post({ projectKey: 'pk_test', events })).body).toEqual({ accepted: 3, duplicates: 0 });
      expect((await s.post({ projectKey: 'pk_test', events })).body).toEqual({ accepted: 0, duplicates: 3 });
      expect((await count()) - before).toBe(3);
    });

    it('counts an id repeated inside one batch, or overlapping an earlier batch, once', async () => {
      const before = await count();
      const [a, b, c] = [wire(), wire(), wire()];
      await s.post({ projectKey: 'pk_test', events: [a, b] });
      expect((await s.post({ projectKey: 'pk_test', events: [b, c, c] })).body).toEqual({ accepted: 1, duplicates: 2 });
      expect((await count()) - before).toBe(3);
    });

    it('8 identical copies of a batch sent at once, 40 rounds: each event stored exactly once, no error', async () => {
      const before = await count();
      let accepted = 0;
      for (let round = 0; round < 40; round++) {
        const events = many(5, () => ({}));
        // Opposite orders too: two transactions locking the same ids in different orders would deadlock.
        const copies = Array.from({ length: 8 }, (_, i) => (i % 2 ? [...events].reverse() : events));
        const results = await Promise.all(copies.map((events) => s.post({ projectKey: 'pk_test', events })));
        expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
        accepted += results.reduce((n, r) => n + r.body.accepted, 0);
      }
      expect(accepted).toBe(200);
      expect((await count()) - before).toBe(200);
    }, 60_000);

    it('takes gzip, and holds the body limit before and after gunzip', async () => {
      const events = [wire(), wire()];
      const zipped = gzipSync(JSON.stringify({ projectKey: 'pk_test', events }));
      expect((await s.post(zipped, { 'content-encoding': 'gzip' })).body).toEqual({ accepted: 2, duplicates: 0 });
      const bomb = gzipSync(
        JSON.stringify({ projectKey: 'pk_test', events: [wire({ properties: { pad: 'x'.repeat(200_000) } })] }),
      );
      expect(bomb.length).toBeLessThan(50_000);
      const res = await s.post(bomb, { 'content-encoding': 'gzip' });
      expect(res.status).toBe(413);
      expect(res.body.error).toMatch(/gunzipped/);
      expect((await s.post('x'.repeat(60_000))).status).toBe(413);
      expect((await s.post(Buffer.from('not gzip'), { 'content-encoding': 'gzip' })).status).toBe(400);
    });

    it('a batch over maxEvents is a 413, so the client splits it instead of dropping it', async () => {
      const res = await s.post({ projectKey: 'pk_test', events: many(101, () => ({})) });
      expect(res.status).toBe(413);
      expect(res.body.error).toMatch(/at most 100/);
    });
  });

  describe.skipIf(skip)('bad input is a 4xx naming what was wrong, never a 5xx', () => {
    it.each([
      ['not JSON', '{"projectKey":', /malformed JSON/],
      ['an array', '[]', /expected a JSON object/],
      ['no projectKey', JSON.stringify({ events: [wire()] }), /^projectKey/],
      ['no events', JSON.stringify({ projectKey: 'pk_test', events: [] }), /^events/],
      ['an unknown project', JSON.stringify({ projectKey: 'pk_other', events: [wire()] }), /no project/],
    ])('%s', async (_what, body, message) => {
      const res = await s.post(body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.error).toMatch(message);
    });

    // Built as text: JSON.stringify itself overflows the stack on a value this deep.
    const DEEP = `${'{"v":'.repeat(4500)}1${'}'.repeat(4500)}`;
    it.each([
      ['NUL in a property', { properties: { note: 'a\u0000b' } }, /^properties\.note: contains a NUL/],
      ['NUL in a key', { properties: { 'k\u0000': 1 } }, /^properties: a key contains a NUL/],
      ['NUL in the name', { name: 'task\u0000' }, /^name: contains a NUL/],
      ['NUL in the anonymous id', { anonymousId: 'a\u0000' }, /^anonymousId: contains a NUL/],
      ['a lone surrogate', { properties: { s: 'x\ud800y' } }, /lone surrogate/],
      ['a year-0000 timestamp', { timestamp: '0000-01-01T00:00:00Z' }, /^timestamp/],
      ['a year-100 timestamp', { timestamp: '0100-01-01T00:00:00.000Z' }, /^timestamp: out of range/],
      ['February 30th', { timestamp: '2026-02-30T10:00:00Z' }, /^timestamp: not a real date/],
      ['a timestamp without a zone', { timestamp: '2026-11-02T10:00:00' }, /^timestamp: expected an ISO 8601/],
      ['properties nested 4,500 deep', { properties: { placeholder: 'DEEP' } }, /nested deeper than 10/],
      ['an unknown type', { type: 'purchase' }, /^type/],
      ['a number as userId', { userId: 42 }, /^userId/],
      ['a group without account', { type: 'group', name: undefined }, /^accountId: required/],
    ])('%s: that event alone is rejected, the good ones are stored', async (_what, over, reason) => {
      const good = many(19, () => ({}));
      const bad = wire(over);
      const body = JSON.stringify({
        projectKey: 'pk_test',
        events: [...good.slice(0, 9), bad, ...good.slice(9)],
      }).replace('{"placeholder":"DEEP"}', DEEP);
      const res = await s.post(body);
      expect(res.status).toBe(200);
      expect(res.body.accepted).toBe(19);
      expect(res.body.rejected).toHaveLength(1);
      expect(res.body.rejected[0].id).toBe(bad.id);
      expect(res.body.rejected[0].reason).toMatch(reason);
    });
  });

  describe.skipIf(skip)('origins', () => {
    it('a browser origin the project does not list is refused before anything is stored', async () => {
      const before = await count();
      const res = await s.post({ projectKey: 'pk_test', events: [wire()] }, { origin: 'https://evil.example' });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatch(/origin: https:\/\/evil\.example/);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(await count()).toBe(before);
      expect((await s.post({ projectKey: 'pk_test', events: [wire()] }, { origin: s.url })).status).toBe(200);
    });
  });

  describe.skipIf(skip)('health', () => {
    it('checks the database and reports the queue', async () => {
      const res = await fetch(`${s.url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, database: url ? 'postgres' : 'pglite' });
    });
  });

  it.skipIf(skip)('the server clock is product time: events are received at now()', async () => {
    s.clock.now = T0 + 3600_000;
    const e = wire();
    await s.post({ projectKey: 'pk_test', events: [e] });
    const [row] = await s.server.db.query('select received_at from waymark_events where id = $1', [e.id]);
    expect(new Date(row.received_at).getTime()).toBe(T0 + 3600_000);
  });
});
