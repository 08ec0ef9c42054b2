import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchTransport, createWaymark, type Transport, type WaymarkError } from 'waymark';
import { databases, definitions, startTestServer, type TestServer } from './helpers';

describe.each(databases)('the real client and waymark-server on $name', ({ url, skip }) => {
  let s: TestServer;
  beforeAll(async () => {
    if (!skip) s = await startTestServer(url);
  }, 60_000);
  afterAll(() => s?.close());

  it.skipIf(skip)('a flaky network (30% of requests lost, half after the server stored them): every event stored once, verified, pulled back', async () => {
    const base = createFetchTransport();
    let requests = 0;
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
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
    const wm = createWaymark({ projectKey: 'pk_test', endpoint: s.url, storage: 'memory', transport: flaky, ...definitions, now: () => s.clock.now });
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
    const [anonymousId] = (await s.server.db.query(`select distinct anonymous_id from waymark_events`)).map((r) => r.anonymous_id);
    expect(Object.keys((await s.state({ anonymousId })).body.achieved).sort()).toEqual(['first-project', 'ten-tasks']);
    wm.destroy();
    expect(errors.filter((e) => e.code !== 'pull_failed')).toEqual([]);
  }, 120_000);
});
