import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { testStorage } from '../fixtures/testStorage';
import { client, ENDPOINT, event, fakeTabs, idbStorage, settle, sorted, useMockBackend } from './sync.helpers';

const backend = useMockBackend();

const OUTBOX = 'wm:pk_test:outbox';

describe('page hide', () => {
  it('mid-batch: sends the rest with keepalive in chunks under 64 KB, nothing twice', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    backend.reply(async (ids) => {
      await gate;
      return HttpResponse.json(backend.accept(ids));
    });
    const { sync, sent, enqueue } = client();
    const big = { blob: 'é'.repeat(1_500) }; // ~3 KB of UTF-8 per event
    const ids = enqueue(60, 0, { properties: big });
    await vi.advanceTimersByTimeAsync(10);
    expect(backend.requests).toHaveLength(1); // the first batch of 20 hangs
    const hidden = sync.flush({ keepalive: true });
    expect(sent.at(-1)!.keepalive).toBe(true); // started in the same turn as the page hide
    await vi.advanceTimersByTimeAsync(10);
    open();
    await hidden;
    await vi.advanceTimersByTimeAsync(10);
    const keepalive = sent.filter((r) => r.keepalive);
    expect(keepalive.length).toBeGreaterThan(1);
    for (const r of keepalive) expect(Buffer.byteLength(r.body as string)).toBeLessThan(64 * 1024);
    expect(sorted(backend.stored)).toEqual(sorted(ids));
    expect(backend.stored).toHaveLength(60);
    expect(backend.requests.flatMap((r) => r.ids)).toHaveLength(60);
  });

  it('persists what was only in memory, right away', async () => {
    const storage = testStorage({ keys: false });
    const { sync, enqueue } = client({ storage, consent: 'pending' });
    const ids = enqueue(3);
    await sync.persist();
    expect(((await storage.get(OUTBOX)) as { id: string }[]).map((e) => e.id)).toEqual(ids);
  });
});

describe('reload', () => {
  it('a new client on the same storage sends the unsent events, once', async () => {
    const storage = idbStorage();
    const first = client({ storage, consent: 'pending' });
    const ids = first.enqueue(7);
    await vi.advanceTimersByTimeAsync(150); // coalesced write landed; then the tab dies
    first.sync.destroy();
    const second = client({ storage });
    await vi.advanceTimersByTimeAsync(50); // fake IndexedDB's operations advance with the fake clock
    expect(backend.stored).toEqual(ids);
    expect(second.sent.length).toBeGreaterThan(0);
    expect(await settle(storage.get(OUTBOX))).toEqual([]);
  });

  it('an event acknowledged before the reload is not sent again', async () => {
    const storage = testStorage({ keys: false });
    const first = client({ storage });
    const ids = first.enqueue(20);
    await vi.advanceTimersByTimeAsync(10);
    first.sync.destroy();
    const second = client({ storage });
    await second.sync.flush();
    expect(backend.stored).toEqual(ids);
    expect(backend.requests).toHaveLength(1);
    expect(second.sent).toEqual([]); // the reloaded tab had nothing left to send
  });
});

describe('two tabs', () => {
  it('share one outbox: only the leader sends, each event once; the other takes over when it goes', async () => {
    const tabs = fakeTabs();
    const storage = idbStorage();
    const a = client({ storage, platform: tabs.platform() });
    const b = client({ storage, platform: tabs.platform() });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(...a.enqueue(1, i), ...b.enqueue(1, 100 + i));
    await vi.advanceTimersByTimeAsync(6_000);
    expect(sorted(backend.stored)).toEqual(sorted(ids));
    expect(a.sent.length).toBeGreaterThan(0);
    expect(b.sent).toEqual([]);

    const later = b.enqueue(5, 200);
    a.sync.destroy();
    await vi.advanceTimersByTimeAsync(50); // fake IndexedDB's operations advance with the fake clock
    expect(b.sent.length).toBeGreaterThan(0);
    expect(sorted(backend.stored)).toEqual(sorted([...ids, ...later]));
  });

  it('concurrent appends from two tabs never lose each other’s events', async () => {
    const tabs = fakeTabs();
    const storage = idbStorage();
    const a = client({ storage, platform: tabs.platform(), consent: 'pending' });
    const b = client({ storage, platform: tabs.platform(), consent: 'pending' });
    const ids = [...a.enqueue(30), ...b.enqueue(30, 30)];
    await settle(Promise.all([a.sync.persist(), b.sync.persist(), a.sync.persist()]));
    const stored = (await settle(storage.get(OUTBOX))) as { id: string }[];
    expect(sorted(stored.map((e) => e.id))).toEqual(sorted(ids));
  });

  it('flush() in a follower asks the leader to send', async () => {
    const tabs = fakeTabs();
    const storage = testStorage({ keys: false });
    const leader = client({ storage, platform: tabs.platform() });
    const b = client({ storage, platform: tabs.platform() });
    const ids = b.enqueue(2);
    await b.sync.flush();
    await vi.advanceTimersByTimeAsync(1);
    expect(backend.stored).toEqual(ids);
    expect(b.sent).toEqual([]);
    expect(leader.sent.length).toBeGreaterThan(0);
  });

  it('a leader going away mid-request hands off only after its request settled', async () => {
    const tabs = fakeTabs();
    const storage = testStorage({ keys: false });
    backend.reply(async (ids) => {
      await new Promise((r) => setTimeout(r, 3_000)); // fake time: the answer comes after the leader went
      return HttpResponse.json(backend.accept(ids));
    });
    const a = client({ storage, platform: tabs.platform() });
    const b = client({ storage, platform: tabs.platform() });
    const ids = a.enqueue(20);
    await vi.advanceTimersByTimeAsync(10);
    a.sync.destroy();
    await vi.advanceTimersByTimeAsync(6_000);
    expect(backend.stored).toEqual(ids);
    expect(backend.requests).toHaveLength(1);
    expect(b.sent).toEqual([]); // the next sender had nothing left to send
  });
});

describe('bounded queue', () => {
  it('drops the oldest past maxQueue and says how many', async () => {
    const { sync, enqueue, errors } = client({ consent: 'pending', maxQueue: 50 });
    const ids = enqueue(80);
    await vi.advanceTimersByTimeAsync(150);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'queue_overflow', message: expect.stringContaining('30') }),
    ]);
    sync.setConsent('granted');
    await vi.advanceTimersByTimeAsync(10);
    expect(backend.stored).toEqual(ids.slice(30));
  });
});

describe('consent', () => {
  it('pending: queues, no network at all; granted: sends what was queued', async () => {
    const { sync, enqueue, sent } = client({ consent: 'pending' });
    const ids = enqueue(25);
    await vi.advanceTimersByTimeAsync(60_000);
    await sync.flush();
    expect(await sync.pull({ anonymousId: 'anon-1' })).toBeUndefined();
    expect(sent).toEqual([]);
    sync.setConsent('granted');
    await vi.advanceTimersByTimeAsync(10);
    expect(backend.stored).toEqual(ids);
  });

  it('denied: clears the outbox and sends nothing, also after a later grant', async () => {
    const storage = testStorage({ keys: false });
    const { sync, enqueue, sent } = client({ storage, consent: 'pending' });
    enqueue(5);
    await vi.advanceTimersByTimeAsync(150);
    enqueue(3, 5);
    sync.setConsent('denied');
    expect(sync.enqueue(event(9))).toBe('');
    await vi.advanceTimersByTimeAsync(10);
    expect(await storage.get(OUTBOX)).toEqual([]);
    sync.setConsent('granted');
    const later = enqueue(2, 10);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(backend.stored).toEqual(later);
    expect(sent).toHaveLength(1);
  });

  it('granted, then pending: stops sending new batches', async () => {
    const { sync, enqueue } = client();
    const first = enqueue(20);
    await vi.advanceTimersByTimeAsync(10);
    sync.setConsent('pending');
    enqueue(20, 20);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(backend.stored).toEqual(first);
  });
});

describe('pull', () => {
  it('reads /v1/state for the user, keeping well-formed fields', async () => {
    let query: URLSearchParams | undefined;
    backend.server.use(
      http.get(`${ENDPOINT}/v1/state`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json({
          achieved: { 'ten-tasks': '2026-11-01T10:00:00.000Z', bogus: 42 },
          milestones: [{ id: 'x', title: 'X', rule: { event: 'e' } }],
          startedAt: '2026-10-30T10:00:00.000Z',
          benchmarks: { 'ten-tasks': { typicalDays: 3, percentile: 80 } },
        });
      }),
    );
    const { sync } = client();
    const state = await sync.pull({ userId: 'u1', anonymousId: 'anon-1' });
    expect(Object.fromEntries(query!)).toEqual({ projectKey: 'pk_test', anonymousId: 'anon-1', userId: 'u1' });
    expect(state).toEqual({
      achieved: { 'ten-tasks': '2026-11-01T10:00:00.000Z' },
      milestones: [{ id: 'x', title: 'X', rule: { event: 'e' } }],
      startedAt: '2026-10-30T10:00:00.000Z',
      benchmarks: { 'ten-tasks': { typicalDays: 3, percentile: 80 } },
    });
  });

  it('answers undefined and reports, never rejects, on an error', async () => {
    backend.server.use(http.get(`${ENDPOINT}/v1/state`, () => HttpResponse.text('nope', { status: 500 })));
    const { sync, errors } = client();
    await expect(sync.pull({ anonymousId: 'anon-1' })).resolves.toBeUndefined();
    expect(errors).toEqual([
      expect.objectContaining({ code: 'pull_failed', message: expect.stringContaining('HTTP 500') }),
    ]);
  });
});
