import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../src/index';
import { createSegments } from '../../src/sync/createSegments';
import type { SyncStorage, WireEvent } from '../../src/sync/types';
import { OUTBOX_KEY, wireEvent } from './wireEvent';

const events = (from: number, count: number) => Array.from({ length: count }, (_, i) => wireEvent(from + i));
const ids = (list: WireEvent[]) => list.map((e) => e.id);
/** What the storage holds under the queue's keys, key to value. */
const stored = async (storage: SyncStorage) =>
  Object.fromEntries(
    await Promise.all(
      (await storage.keys!())
        .filter((k) => k.startsWith(`${OUTBOX_KEY}:queue`))
        .map(async (k) => [k, await storage.get(k)]),
    ),
  );

describe('the sending tab’s queue of segments', () => {
  it('keeps events in order across a reload, 100 to a segment, and deletes each segment once emptied', async () => {
    const storage = createMemoryStorage();
    const queue = createSegments(storage, OUTBOX_KEY);
    await queue.load();
    expect(await queue.append(events(0, 250))).toBe(true);
    expect(Object.keys(await stored(storage)).sort()).toEqual([
      `${OUTBOX_KEY}:queue`,
      `${OUTBOX_KEY}:queue:0`,
      `${OUTBOX_KEY}:queue:1`,
      `${OUTBOX_KEY}:queue:2`,
    ]);

    const reloaded = createSegments(storage, OUTBOX_KEY);
    await reloaded.load();
    expect(ids(reloaded.events())).toEqual(ids(events(0, 250)));
    await reloaded.remove(new Set(ids(events(0, 120))));
    expect(ids(reloaded.events())).toEqual(ids(events(120, 130)));
    expect(reloaded.size()).toBe(130);
    const now = await stored(storage);
    expect(now[`${OUTBOX_KEY}:queue`]).toEqual({ head: 1, tail: 3 });
    expect(now[`${OUTBOX_KEY}:queue:0`]).toBeUndefined();
    expect(ids(now[`${OUTBOX_KEY}:queue:1`] as WireEvent[])).toEqual(ids(events(120, 80)));

    await reloaded.remove(new Set(ids(events(120, 130))));
    expect(await stored(storage)).toEqual({ [`${OUTBOX_KEY}:queue`]: { head: 3, tail: 3 } });
    await reloaded.append(events(300, 5));
    const again = createSegments(storage, OUTBOX_KEY);
    await again.load();
    expect(ids(again.events())).toEqual(ids(events(300, 5)));
  });

  it('sees what another sending tab changed once it forgets what it held', async () => {
    const storage = createMemoryStorage();
    const a = createSegments(storage, OUTBOX_KEY);
    await a.load();
    await a.append(events(0, 150));
    const b = createSegments(storage, OUTBOX_KEY);
    await b.load();
    await b.remove(new Set(ids(events(0, 120))));
    await b.append(events(150, 10));
    await a.forget();
    await a.load();
    expect(ids(a.events())).toEqual(ids([...events(120, 30), ...events(150, 10)]));
  });

  it('two tabs that both believe they send, moving at the same moment, keep both their events', async () => {
    const storage = createMemoryStorage();
    const a = createSegments(storage, OUTBOX_KEY);
    const b = createSegments(storage, OUTBOX_KEY);
    await Promise.all([a.load(), b.load()]);
    const answers = await Promise.all([a.append(events(0, 30)), b.append(events(100, 30))]);
    expect(answers).toEqual([true, true]);
    const next = createSegments(storage, OUTBOX_KEY);
    await next.load();
    expect(ids(next.events()).sort()).toEqual(ids([...events(0, 30), ...events(100, 30)]).sort());
  });

  it('a move that took a number another tab had already used and emptied is taken back, and says so', async () => {
    const storage = createMemoryStorage();
    // Tab a stalls (a frozen tab) between choosing its segment's number and writing it.
    let resume!: () => void;
    const stalled = new Promise<void>((resolve) => (resume = resolve));
    let chose!: () => void;
    const numbered = new Promise<void>((resolve) => (chose = resolve));
    const slow: SyncStorage = {
      ...storage,
      setIfAbsent: async (k, v) => {
        chose();
        await stalled;
        return storage.setIfAbsent(k, v);
      },
    };
    const a = createSegments(slow, OUTBOX_KEY);
    await a.load();
    const moving = a.append(events(0, 3));
    await numbered;
    // Meanwhile tab b (the lease passed to it) queues, sends and deletes segment 0: the stored head moves past it.
    const b = createSegments(storage, OUTBOX_KEY);
    await b.load();
    await b.append(events(100, 2));
    await b.remove(new Set(ids(events(100, 2))));
    resume();
    // Written under number 0 it would sit below the head, where no tab looks: the events stay in the inbox instead.
    expect(await moving).toBe(false);
    expect(a.size()).toBe(0);
    expect(await stored(storage)).toEqual({ [`${OUTBOX_KEY}:queue`]: { head: 1, tail: 1 } });
  });

  it('after a crash between writing a segment and counting it: that number is skipped, then read, each event once', async () => {
    const storage = createMemoryStorage();
    // A tab wrote segment 0 and crashed before counting it; its events are still in the inbox, so they move again.
    await storage.set(`${OUTBOX_KEY}:queue:0`, events(0, 2));
    const queue = createSegments(storage, OUTBOX_KEY);
    await queue.load();
    expect(await queue.append(events(0, 3))).toBe(true);
    const next = createSegments(storage, OUTBOX_KEY);
    await next.load();
    expect(ids(next.events())).toEqual(['e0', 'e1', 'e2']);
    await next.remove(new Set(['e0', 'e1', 'e2']));
    expect(await stored(storage)).toEqual({ [`${OUTBOX_KEY}:queue`]: { head: 2, tail: 2 } });
  });

  it('clear() removes every segment', async () => {
    const storage = createMemoryStorage();
    const queue = createSegments(storage, OUTBOX_KEY);
    await queue.load();
    await queue.append(events(0, 230));
    await queue.clear();
    expect(queue.events()).toEqual([]);
    expect(await stored(storage)).toEqual({ [`${OUTBOX_KEY}:queue`]: { head: 3, tail: 3 } });
  });
});
