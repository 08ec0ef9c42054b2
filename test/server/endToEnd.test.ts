import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../examples/server/index.mjs';
import { createFetchTransport } from '../../src/browser/createFetchTransport';
import { createSync } from '../../src/sync/createSync';
import type { Transport } from '../../src/sync/types';
import type { WaymarkError } from '../../src/types';
import { event, fakeTabs, memoryStorage } from '../sync/sync.helpers';
import { databases, freshProject, serve } from './server.helpers';

describe.each(databases)('client and reference server on $name', ({ url, skip }) => {
  let db: Database;
  let srv: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    if (skip) return;
    db = await openDatabase({ url });
    srv = await serve({ db });
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
    await db?.close();
  });

  it.skipIf(skip)('two tabs, a flaky network (30% of requests lost, half of them after the server stored them): every event stored once', async () => {
    const projectKey = freshProject();
    const base = createFetchTransport();
    let requests = 0;
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    // Lost on the way there, or the answer lost on the way back (the server stored the batch; the client retries it).
    const flaky: Transport = async (req) => {
      requests++;
      const roll = random();
      if (roll < 0.15) throw new Error('network error');
      const res = await base(req);
      if (roll < 0.3) throw new Error('connection reset');
      return res;
    };
    const tabs = fakeTabs();
    const storage = memoryStorage();
    const errors: WaymarkError[] = [];
    const tab = () =>
      createSync({
        endpoint: srv.url,
        projectKey,
        storage,
        transport: flaky,
        now: Date.now,
        consent: 'granted',
        report: (e) => errors.push(e),
        platform: tabs.platform(),
        flushInterval: 20,
        retryBase: 5,
        retryCap: 40,
      });
    const [a, b] = [tab(), tab()];
    const ids = new Set<string>();
    for (let i = 0; i < 300; i++) ids.add((i % 2 ? a : b).enqueue(event(i, { anonymousId: `anon-${i % 7}` })));
    for (let i = 0; i < 200 && (storage.map.get(`wm:${projectKey}:outbox`) as unknown[] | undefined)?.length !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      await a.flush();
    }
    a.destroy();
    b.destroy();
    const rows = await db.query('select id from waymark_events where project_key = $1', [projectKey]);
    expect(rows).toHaveLength(300);
    expect(new Set(rows.map((r) => r.id))).toEqual(ids);
    expect(errors).toEqual([]);
    expect(requests).toBeGreaterThan(15);
  }, 60_000);
});
