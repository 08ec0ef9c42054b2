import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/sync/createOutbox';
import type { WireEvent } from '../../src/sync/types';
import { testStorage } from '../fixtures/testStorage';

const ev = (id: string): WireEvent => ({
  id,
  type: 'track',
  name: 'e',
  anonymousId: 'a',
  timestamp: '2026-11-23T10:00:00.000Z',
});

describe('the outbox when the page is being unloaded', () => {
  it('writes in one plain write, with no read first, and the next read merges it in once', async () => {
    const storage = testStorage({ keys: false });
    const outbox = createOutbox({ storage, key: 'wm:pk:outbox', maxQueue: 100, report: () => {}, onWrite: () => {} });
    outbox.add(ev('1'));
    await outbox.persist();
    outbox.add(ev('2'));
    outbox.add(ev('3'));
    const before = storage.updates;
    await outbox.persist(true);
    expect(storage.updates).toBe(before);
    expect(await storage.get('wm:pk:outbox:spill')).toEqual([ev('2'), ev('3')]);

    // The next visit (a new outbox on the same storage) reads everything, once.
    const next = createOutbox({ storage, key: 'wm:pk:outbox', maxQueue: 100, report: () => {}, onWrite: () => {} });
    expect((await next.read()).map((e) => e.id)).toEqual(['1', '2', '3']);
    expect((await storage.entries()).has('wm:pk:outbox:spill')).toBe(false);
    expect((await next.read()).map((e) => e.id)).toEqual(['1', '2', '3']);
  });

  it('a page that lives on after pagehide (back-forward cache) adds what it spilled the normal way, without doubles', async () => {
    const storage = testStorage({ keys: false });
    const outbox = createOutbox({ storage, key: 'k', maxQueue: 100, report: () => {}, onWrite: () => {} });
    outbox.add(ev('1'));
    await outbox.persist(true);
    outbox.add(ev('2'));
    await outbox.persist(true); // a second pagehide keeps what the first one spilled
    expect(await storage.get('k:spill')).toEqual([ev('1'), ev('2')]);
    outbox.add(ev('3'));
    await outbox.persist();
    expect((await outbox.read()).map((e) => e.id)).toEqual(['1', '2', '3']);
  });

  it('tabs closed in the same instant each keep their events when the storage lists keys', async () => {
    const storage = testStorage();
    const options = { storage, key: 'wm:pk:outbox', maxQueue: 100, report: () => {}, onWrite: () => {} };
    const a = createOutbox(options);
    const b = createOutbox(options);
    a.add(ev('a1'));
    b.add(ev('b1'));
    b.add(ev('b2'));
    await Promise.all([a.persist(true), b.persist(true)]);
    const spills = [...(await storage.entries()).keys()].filter((k) => k.startsWith('wm:pk:outbox:spill:'));
    expect(spills).toHaveLength(2);

    const next = createOutbox(options);
    expect((await next.read()).map((e) => e.id).sort()).toEqual(['a1', 'b1', 'b2']);
    // The spills are gone; what they held waits in the sending tab's queue (its record and one segment).
    expect([...(await storage.entries()).keys()].sort()).toEqual(['wm:pk:outbox:queue', 'wm:pk:outbox:queue:0']);
  });

  it('without a key listing, the last of two tabs closed together wins the shared spill key (the documented limit)', async () => {
    const storage = testStorage({ keys: false });
    const options = { storage, key: 'k', maxQueue: 100, report: () => {}, onWrite: () => {} };
    const a = createOutbox(options);
    const b = createOutbox(options);
    a.add(ev('a1'));
    b.add(ev('b1'));
    await a.persist(true);
    await b.persist(true);
    expect((await createOutbox(options).read()).map((e) => e.id)).toEqual(['b1']);
  });

  it('writes to the synchronous spill store when there is one, and the next read merges and removes it', async () => {
    const storage = testStorage({ keys: false });
    const entries = new Map<string, unknown>();
    const spill = {
      put: (k: string, v: unknown) => {
        entries.set(k, structuredClone(v));
        return true;
      },
      entries: (prefix: string) => [...entries].filter(([k]) => k.startsWith(prefix)),
      remove: (k: string) => void entries.delete(k),
    };
    const options = { storage, spill, key: 'k', maxQueue: 100, report: () => {}, onWrite: () => {} };
    const outbox = createOutbox(options);
    outbox.add(ev('1'));
    await outbox.persist(true);
    expect([...entries.values()]).toEqual([[ev('1')]]);
    expect((await storage.entries()).size).toBe(0);
    expect((await createOutbox(options).read()).map((e) => e.id)).toEqual(['1']);
    expect(entries.size).toBe(0);
    // A spill store that cannot write (quota, private mode) leaves it to the storage.
    const refusing = createOutbox({ ...options, spill: { ...spill, put: () => false } });
    refusing.add(ev('2'));
    await refusing.persist(true);
    expect(await storage.get('k:spill')).toEqual([ev('2')]);
  });

  it('also spills what an outbox write still under way holds, since the page may drop that write', async () => {
    const storage = testStorage({ keys: false });
    storage.update = () => new Promise(() => {}); // never commits
    const outbox = createOutbox({ storage, key: 'k', maxQueue: 100, report: () => {}, onWrite: () => {} });
    outbox.add(ev('1'));
    void outbox.persist(); // the write starts and hangs
    outbox.add(ev('2'));
    await outbox.persist(true);
    expect(await storage.get('k:spill')).toEqual([ev('1'), ev('2')]);
  });

  it('clear() (consent withdrawn) also forgets what pages spilled, in the storage and in the spill store', async () => {
    const storage = testStorage();
    const entries = new Map<string, unknown>([['k:spill:other-tab', [ev('1')]]]);
    const spill = {
      put: () => false,
      entries: (prefix: string) => [...entries].filter(([k]) => k.startsWith(prefix)),
      remove: (k: string) => void entries.delete(k),
    };
    const outbox = createOutbox({ storage, spill, key: 'k', maxQueue: 100, report: () => {}, onWrite: () => {} });
    outbox.add(ev('2'));
    await outbox.persist(true); // spill store refuses: written to the storage under this tab's key
    outbox.add(ev('3'));
    await outbox.clear();
    expect(entries.size).toBe(0);
    expect([...(await storage.entries())].filter(([, v]) => Array.isArray(v) && v.length)).toEqual([]);
    expect(await outbox.read()).toEqual([]);
    outbox.add(ev('4'));
    await outbox.persist();
    expect((await outbox.read()).map((e) => e.id)).toEqual(['4']);
  });
});
