import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSyncPlatform } from '../../src/platform/browser/createSyncPlatform';

/** A LockManager with the Web Locks semantics the platform relies on: exclusive, FIFO, held until the callback's promise settles, abortable while waiting. */
function fakeLocks() {
  const held = new Map<string, Promise<unknown>>();
  return {
    request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<unknown>) {
      const before = held.get(name) ?? Promise.resolve();
      const mine = before.then(() => {
        if (options.signal?.aborted) throw new DOMException('aborted', 'AbortError');
        return callback();
      });
      held.set(
        name,
        mine.catch(() => {}),
      );
      return mine;
    },
  };
}

afterEach(() => void vi.unstubAllGlobals());

describe('createSyncPlatform', () => {
  it('one tab leads per name with Web Locks; the next one leads when it releases; a waiting tab can give up', async () => {
    vi.stubGlobal('navigator', { locks: fakeLocks(), onLine: true });
    const log: string[] = [];
    const platform = createSyncPlatform();
    // Resolves at the tab's first call: the platform says whether it leads on the lock's own schedule.
    const heard = new Map<string, () => void>();
    const called = (tab: string) => new Promise<void>((resolve) => heard.set(tab, resolve));
    const lead = (tab: string) =>
      platform.lead!('waymark:pk', (l) => {
        log.push(`${tab}:${l}`);
        heard.get(tab)?.();
      });
    const aLeads = called('a');
    const cLeads = called('c');
    const releaseA = lead('a');
    const releaseB = lead('b');
    const releaseC = lead('c');
    await aLeads;
    expect(log).toEqual(['a:true']);
    releaseB(); // closed while waiting: never leads
    releaseA();
    // The lock is FIFO: had b led, its call would have come before c's.
    await cLeads;
    expect(log).toEqual(['a:true', 'c:true']);
    releaseC();
  });

  it('reads navigator.onLine when asked, not at creation', () => {
    const platform = createSyncPlatform();
    expect(platform.online!()).toBe(true); // no navigator (Node 20): assume online
    vi.stubGlobal('navigator', { onLine: false });
    expect(platform.online!()).toBe(false);
  });

  it('passes messages between tabs over BroadcastChannel', async () => {
    const got: unknown[] = [];
    let arrived!: () => void;
    const message = new Promise<void>((resolve) => (arrived = resolve));
    const a = createSyncPlatform().channel!('waymark:test', () => {})!;
    const b = createSyncPlatform().channel!('waymark:test', (m) => {
      got.push(m);
      arrived();
    })!;
    a.post(42);
    await message;
    expect(got).toEqual([42]);
    a.close();
    b.close();
    expect(() => a.post(1)).not.toThrow();
  });
});

describe('createSyncPlatform().spill', () => {
  /** A localStorage stand-in with the Storage methods the spill uses; `full` makes writes throw like a full quota. */
  const fakeLocalStorage = () => {
    const map = new Map<string, string>();
    const store = {
      full: false,
      get length() {
        return map.size;
      },
      key: (i: number) => [...map.keys()][i] ?? null,
      getItem: (k: string) => map.get(k) ?? null,
      setItem(k: string, v: string) {
        if (store.full) throw new DOMException('quota', 'QuotaExceededError');
        map.set(k, v);
      },
      removeItem: (k: string) => void map.delete(k),
    };
    return store;
  };
  afterEach(() => vi.unstubAllGlobals());

  it('writes synchronously to localStorage, lists by prefix, removes, and says false when it cannot write', () => {
    const ls = fakeLocalStorage();
    vi.stubGlobal('localStorage', ls);
    const { spill } = createSyncPlatform();
    expect(spill!.put('wm:pk:outbox:spill:a', [{ id: '1' }])).toBe(true);
    expect(spill!.put('other', 1)).toBe(true);
    ls.setItem('wm:pk:outbox:spill:bad', '{not json');
    expect(spill!.entries('wm:pk:outbox:spill')).toEqual([['wm:pk:outbox:spill:a', [{ id: '1' }]]]);
    spill!.remove('wm:pk:outbox:spill:a');
    expect(spill!.entries('wm:pk:outbox:spill:a')).toEqual([]);
    ls.full = true;
    expect(spill!.put('wm:pk:outbox:spill:b', [])).toBe(false);
    vi.stubGlobal('localStorage', undefined);
    expect(spill!.put('k', 1)).toBe(false);
    expect(spill!.entries('k')).toEqual([]);
  });
});

describe('createSyncPlatform without Web Locks', () => {
  it('has no lead, so the sync elects its sender with a lease in the shared storage', () => {
    vi.stubGlobal('navigator', { onLine: true });
    expect(createSyncPlatform().lead).toBeUndefined();
    vi.stubGlobal('navigator', { onLine: true, locks: fakeLocks() });
    expect(typeof createSyncPlatform().lead).toBe('function');
  });
});
