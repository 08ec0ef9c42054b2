import { describe, expect, it, vi } from 'vitest';
import type { SyncPlatform } from '../../src/sync/types';
import { client, fakeTabs, idbStorage, settle, sorted, useMockBackend } from './sync.helpers';

const backend = useMockBackend();

/** Tabs that can talk (BroadcastChannel) but have no Web Locks: the sync elects its sender with the storage lease. */
const noLocks = (tabs: ReturnType<typeof fakeTabs>): SyncPlatform => ({ ...tabs.platform(), lead: undefined });

describe('the sending tab, without Web Locks (a lease in the shared storage)', () => {
  it("one of two clients on one storage sends, each event once, the other's included", async () => {
    const storage = idbStorage();
    const a = client({ storage }); // no platform at all: no lock, no channel
    const b = client({ storage });
    const ids = [...a.enqueue(30), ...b.enqueue(30, 100)];
    await vi.advanceTimersByTimeAsync(6_000);
    await settle(a.sync.flush());
    await settle(b.sync.flush());
    await vi.advanceTimersByTimeAsync(6_000);
    expect(sorted(backend.stored)).toEqual(sorted(ids));
    expect(backend.requests.flatMap((r) => r.ids)).toHaveLength(60);
    expect([a.sent.length > 0, b.sent.length > 0].filter(Boolean)).toHaveLength(1);
  });

  it("flush() at once in both tabs sends each event once, and the other tab's flush resolves after that send", async () => {
    const tabs = fakeTabs();
    const storage = idbStorage();
    const a = client({ storage, platform: noLocks(tabs) });
    const b = client({ storage, platform: noLocks(tabs) });
    await vi.advanceTimersByTimeAsync(10);
    const ids = [...a.enqueue(60), ...b.enqueue(60, 100)];
    let stored = -1;
    const flushes = [
      a.sync.flush(),
      b.sync.flush().then(() => {
        stored = backend.stored.length;
      }),
    ];
    await settle(Promise.all(flushes));
    expect(stored).toBe(120);
    expect(backend.requests.flatMap((r) => r.ids)).toHaveLength(120);
    expect(sorted(backend.stored)).toEqual(sorted(ids));
    expect(b.sent).toEqual([]);
  });

  it('a sender that goes gives the lease back: the other tab sends at once', async () => {
    const tabs = fakeTabs();
    const storage = idbStorage();
    const a = client({ storage, platform: noLocks(tabs) });
    const b = client({ storage, platform: noLocks(tabs) });
    const first = a.enqueue(20);
    await vi.advanceTimersByTimeAsync(100);
    expect(backend.stored).toEqual(first);
    a.sync.destroy();
    await vi.advanceTimersByTimeAsync(10);
    const later = b.enqueue(20, 100);
    await vi.advanceTimersByTimeAsync(100);
    expect(backend.stored).toEqual([...first, ...later]);
    expect(b.sent.length).toBeGreaterThan(0);
  });

  it('a tab that closed without giving the lease back is replaced once the lease ran out (30 s)', async () => {
    const storage = idbStorage();
    // A tab that crashed while it held the lease.
    await settle(storage.set('wm:pk_test:sender', { holder: 'gone', until: Date.now() + 30_000 }));
    const b = client({ storage });
    const ids = b.enqueue(5);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(backend.stored).toEqual([]);
    await vi.advanceTimersByTimeAsync(25_000);
    b.enqueue(1, 10); // the next event to send finds the lease run out
    await vi.advanceTimersByTimeAsync(6_000);
    expect(backend.stored).toEqual([...ids, expect.any(String)]);
  });

  it('a tab with consent pending never takes the lease, so a tab with consent sends', async () => {
    const storage = idbStorage();
    const pending = client({ storage, consent: 'pending' });
    await vi.advanceTimersByTimeAsync(10);
    const queued = pending.enqueue(3);
    await settle(pending.sync.flush());
    const granted = client({ storage });
    await vi.advanceTimersByTimeAsync(6_000);
    expect(backend.stored).toEqual(queued);
    expect(pending.sent).toEqual([]);
    expect(granted.sent.length).toBeGreaterThan(0);
  });
});
