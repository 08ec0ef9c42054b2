import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Waymark } from '../src/index';
import { client, destroyClients, freshIndexedDB, until, useFakeTimers } from './client.helpers';

beforeEach(() => {
  freshIndexedDB();
  useFakeTimers();
});
afterEach(() => {
  destroyClients();
  vi.useRealTimers();
});

const current = (wm: Waymark) => wm.milestone('five-tasks')!.current;
/**
 * Resolves when every client's five-tasks count is `n` (their tabs' events arrive over a real BroadcastChannel).
 * The clock moves on by the gap within which a tab's bursts share one message (50 ms): no time passes otherwise.
 */
const counted = async (n: number, ...clients: Waymark[]) => {
  const all = Promise.all(clients.map((wm) => until(wm, () => current(wm) === n)));
  await vi.advanceTimersByTimeAsync(50);
  await all;
};

// Two clients on one IndexedDB in one process stand in for two tabs: Node has BroadcastChannel too.
describe('several tabs', () => {
  it('share events, so progress agrees and a milestone is celebrated in one tab only', async () => {
    const a = client();
    await a.wm.ready;
    const b = client();
    await b.wm.ready;
    a.wm.track('task_added');
    a.wm.track('task_added');
    b.wm.track('task_added');
    await counted(3, a.wm, b.wm);
    expect(a.wm.milestone('five-tasks')!.current).toBe(3);
    expect(b.wm.milestone('five-tasks')!.current).toBe(3);
    a.wm.track('task_added');
    b.wm.track('task_added');
    await counted(5, a.wm, b.wm);
    expect([a.wm.milestone('five-tasks')!.status, b.wm.milestone('five-tasks')!.status]).toEqual([
      'achieved',
      'achieved',
    ]);
    const claims = await Promise.all([a.wm.claimCelebration('five-tasks'), b.wm.claimCelebration('five-tasks')]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('follow an identify made in another tab', async () => {
    const a = client();
    await a.wm.ready;
    const b = client();
    await b.wm.ready;
    a.wm.track('project_created');
    await until(b.wm, () => b.wm.milestone('first-project')!.status === 'achieved');
    // b's next change is its load of the user a identified (a tab hears of it over the channel).
    const followed = new Promise<void>((resolve) => b.wm.on('change', resolve));
    a.wm.identify('u_1');
    await a.wm.flush();
    await followed;
    await b.wm.flush();
    b.wm.track('task_added');
    await counted(1, a.wm);
    expect(a.wm.milestone('five-tasks')!.current).toBe(1);
    expect(b.wm.milestone('first-project')!.status).toBe('achieved');
  });

  it("a tab opened during another tab's burst starts from that tab's state, not the older stored one", async () => {
    const a = client();
    await a.wm.ready;
    await a.wm.flush();
    // Tracked and shared before the new tab exists, and not yet written (writes are coalesced for 100 ms).
    a.wm.track('task_added');
    a.wm.track('task_added');
    a.wm.track('task_added');
    const b = client();
    await b.wm.ready;
    b.wm.track('task_added');
    a.wm.track('task_added');
    await counted(5, a.wm, b.wm);
    expect(a.wm.milestone('five-tasks')!.current).toBe(5);
    expect(b.wm.milestone('five-tasks')!.current).toBe(5);
    expect([a.wm.milestone('five-tasks')!.status, b.wm.milestone('five-tasks')!.status]).toEqual([
      'achieved',
      'achieved',
    ]);
    // What either tab writes last is the full count.
    await Promise.all([a.wm.flush(), b.wm.flush()]);
    const c = client();
    await c.wm.ready;
    expect(c.wm.milestone('five-tasks')!.current).toBe(5);
  });

  it('events written by the other tab while this one loads are not counted twice', async () => {
    const a = client();
    await a.wm.ready;
    const b = client();
    // While b loads, a tracks and writes at once: b may read the write and also receive the events.
    a.wm.track('task_added');
    a.wm.track('task_added');
    await a.wm.flush();
    await b.wm.ready;
    await counted(2, a.wm, b.wm);
    // The joining window closes, and a's last message reaching b means all a sent before it has arrived too.
    await vi.advanceTimersByTimeAsync(1000);
    a.wm.track('project_created');
    await until(b.wm, () => b.wm.milestone('first-project')!.status === 'achieved');
    expect(b.wm.milestone('five-tasks')!.current).toBe(2);
    expect(a.wm.milestone('five-tasks')!.current).toBe(2);
  });

  it("a tab that tracks before another tab's document arrives keeps its events and announces each achievement once", async () => {
    const a = client();
    await a.wm.ready;
    await a.wm.flush();
    a.wm.track('task_added');
    a.wm.track('task_added');
    const b = client();
    // Called before b has loaded or heard from a: applied first, then carried onto a's document.
    b.wm.track('project_created');
    b.wm.track('task_added');
    await b.wm.ready;
    await counted(3, a.wm, b.wm);
    expect(b.wm.milestone('five-tasks')!.current).toBe(3);
    expect(a.wm.milestone('five-tasks')!.current).toBe(3);
    expect(b.wm.milestone('first-project')!.status).toBe('achieved');
    expect(a.wm.milestone('first-project')!.status).toBe('achieved');
    expect(b.achieved).toEqual(['first-project']);
    expect(a.achieved).toEqual(['first-project']);
  });
});

describe('a burst held back by the 50 ms gap', () => {
  it('is posted to the other tabs before the document that includes it is written', async () => {
    const a = client();
    await a.wm.ready;
    const b = client();
    await b.wm.ready;
    a.wm.track('task_added');
    await counted(1, a.wm, b.wm);
    a.wm.track('task_added');
    await until(b.wm, () => current(b.wm) === 2);
    // No time has passed since that message: this burst waits for the gap.
    a.wm.track('task_added');
    await new Promise((resolve) => setImmediate(resolve));
    expect(current(b.wm)).toBe(2);
    // The write of a's document (flush) posts it first; the clock has not moved.
    await a.wm.flush();
    await until(b.wm, () => current(b.wm) === 3);
    const c = client();
    await c.wm.ready;
    await vi.advanceTimersByTimeAsync(1000);
    expect([current(a.wm), current(b.wm), current(c.wm)]).toEqual([3, 3, 3]);
  });
});

describe('flush() in several tabs at once', () => {
  const ENDPOINT = 'https://api.test/waymark';
  const deliveries: string[] = [];
  const server = setupServer(
    http.post(`${ENDPOINT}/v1/batch`, async ({ request }) => {
      const ids = JSON.parse(await request.text()).events.map((e: { id: string }) => e.id);
      deliveries.push(...ids);
      return HttpResponse.json({ accepted: ids.length, duplicates: 0 });
    }),
    http.get(`${ENDPOINT}/v1/state`, () => HttpResponse.json({ achieved: {} })),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it("sends each event once: only the sending tab sends, and the other tab's flush resolves when that send is done", async () => {
    deliveries.length = 0;
    const a = client({ endpoint: ENDPOINT });
    const b = client({ endpoint: ENDPOINT });
    await Promise.all([a.wm.ready, b.wm.ready]);
    for (let i = 0; i < 60; i++) a.wm.track('task_added', { i });
    for (let i = 0; i < 60; i++) b.wm.track('task_added', { i: 100 + i });
    await Promise.all([a.wm.flush(), b.wm.flush()]);
    const tracks = deliveries.length;
    expect(new Set(deliveries).size).toBe(deliveries.length);
    // 120 tracks and one achievement, each delivered once, all before either flush resolved.
    expect(tracks).toBe(121);
    // Nothing more is sent later: not at the next batching window, nor at a retry's.
    await vi.advanceTimersByTimeAsync(60_000);
    await Promise.all([a.wm.flush(), b.wm.flush()]);
    expect(deliveries).toHaveLength(121);
  });
});
