import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../src/index';
import { createOutbox } from '../../src/sync/createOutbox';
import type { SyncStorage, WireEvent } from '../../src/sync/types';
import type { WaymarkError } from '../../src/types';
import { OUTBOX_KEY, wireEvent } from './wireEvent';

const ids = (list: WireEvent[]) => list.map((e) => e.id);
const outboxOn = (storage: SyncStorage, maxQueue = 100, errors: WaymarkError[] = []) =>
  createOutbox({ storage, key: OUTBOX_KEY, maxQueue, report: (e) => errors.push(e), onWrite: () => {} });

describe('the outbox’s queue (what the sending tab moved out of the inbox)', () => {
  it('an event moved into the queue survives a crash before it left the inbox, and comes back once', async () => {
    const storage = createMemoryStorage();
    const first = outboxOn(storage);
    for (let i = 0; i < 5; i++) first.add(wireEvent(i));
    await first.persist();
    // The tab dies while removing the moved events from the inbox: that write never happens.
    let dies!: () => void;
    const died = new Promise<void>((resolve) => (dies = resolve));
    const crashing: SyncStorage = {
      ...storage,
      update: (k, fn) => {
        if (k !== OUTBOX_KEY) return storage.update!(k, fn);
        dies();
        return new Promise(() => {});
      },
    };
    const dying = outboxOn(crashing);
    void dying.read();
    await died;
    expect(ids((await storage.get(`${OUTBOX_KEY}:queue:0`)) as WireEvent[])).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(ids((await storage.get(OUTBOX_KEY)) as WireEvent[])).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);

    const next = outboxOn(storage);
    const events = await next.read();
    expect(ids(events)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(await storage.get(OUTBOX_KEY)).toEqual([]);
    await next.ack(events.slice(0, 2));
    expect(ids(await outboxOn(storage).read())).toEqual(['e2', 'e3', 'e4']);
  });

  it('acknowledged events leave the storage: the inbox is empty and no segment is left', async () => {
    const storage = createMemoryStorage();
    const outbox = outboxOn(storage, 1_000);
    for (let i = 0; i < 250; i++) outbox.add(wireEvent(i));
    await outbox.persist();
    const events = await outbox.read();
    expect(events).toHaveLength(250);
    for (let i = 0; i < 250; i += 20) await outbox.ack(events.slice(i, i + 20));
    expect(await outbox.read()).toEqual([]);
    const left = Object.fromEntries(
      await Promise.all((await storage.keys!()).map(async (k) => [k, await storage.get(k)])),
    );
    expect(left).toEqual({ [OUTBOX_KEY]: [], [`${OUTBOX_KEY}:queue`]: { head: 3, tail: 3 } });
  });

  it('holds maxQueue events in all, queue and inbox together: past it the oldest go, counted', async () => {
    const storage = createMemoryStorage();
    const errors: WaymarkError[] = [];
    const outbox = outboxOn(storage, 50, errors);
    for (let i = 0; i < 40; i++) outbox.add(wireEvent(i));
    await outbox.persist();
    expect(await outbox.read()).toHaveLength(40);
    for (let i = 40; i < 70; i++) outbox.add(wireEvent(i));
    await outbox.persist();
    expect(errors).toEqual([]);
    expect(ids(await outbox.read())).toEqual(ids(Array.from({ length: 50 }, (_, i) => wireEvent(20 + i))));
    expect(errors).toEqual([
      expect.objectContaining({ code: 'queue_overflow', message: expect.stringContaining('the 20 oldest') }),
    ]);
  });

  it('an event both in the inbox and in a spill of a closed page is queued once', async () => {
    const storage = createMemoryStorage();
    await storage.set(OUTBOX_KEY, [wireEvent(1), wireEvent(2)]);
    await storage.set(`${OUTBOX_KEY}:spill:closed-tab`, [wireEvent(2), wireEvent(3)]);
    const outbox = outboxOn(storage);
    expect(ids(await outbox.read())).toEqual(['e1', 'e2', 'e3']);
    expect(await storage.get(`${OUTBOX_KEY}:spill:closed-tab`)).toBeUndefined();
  });
});
