import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdbStorage } from '../src/platform/browser/createIdbStorage';

/** A storage on the current `indexedDB`, recording its fallback reasons. */
function open(dbName?: string) {
  const reasons: string[] = [];
  const storage = createIdbStorage({ onFallback: (reason) => reasons.push(reason), dbName });
  return { storage, reasons };
}

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

beforeEach(() => {
  // A fresh, empty IndexedDB per test.
  vi.stubGlobal('indexedDB', new IDBFactory());
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('createIdbStorage on IndexedDB', () => {
  it('keeps values across a reload (a new storage on the same database)', async () => {
    const first = open();
    await first.storage.set('wm:doc', { count: 3, ids: ['a'] });
    await first.storage.set('gone', 1);
    await first.storage.del('gone');

    const reloaded = open();
    expect(await reloaded.storage.get('wm:doc')).toEqual({ count: 3, ids: ['a'] });
    expect(await reloaded.storage.get('gone')).toBeUndefined();
    expect([...first.reasons, ...reloaded.reasons]).toEqual([]);
  });

  it('uses the database name it is given, defaulting to "waymark"', async () => {
    await open().storage.set('k', 'default');
    await open('other').storage.set('k', 'other');
    expect(await open('waymark').storage.get('k')).toBe('default');
    expect(await open('other').storage.get('k')).toBe('other');
  });

  it('opens nothing until first used', async () => {
    const spy = vi.spyOn(indexedDB, 'open');
    const { storage } = open();
    expect(spy).not.toHaveBeenCalled();
    await storage.get('k');
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('setIfAbsent stores once and says whether it did', async () => {
    const { storage } = open();
    expect(await storage.setIfAbsent('claim', 1)).toBe(true);
    expect(await storage.setIfAbsent('claim', 2)).toBe(false);
    expect(await open().storage.get('claim')).toBe(1);
  });

  it('setIfAbsent from two storages on one database (two tabs) succeeds exactly once per key', async () => {
    const tabA = open().storage;
    const tabB = open().storage;
    const keys = Array.from({ length: 50 }, (_, i) => `claim:${i}`);
    const results = await Promise.all(
      keys.map((key) => Promise.all([tabA.setIfAbsent(key, 'A'), tabB.setIfAbsent(key, 'B')])),
    );
    for (const [a, b] of results) expect(Number(a) + Number(b)).toBe(1);
    // What is stored is the winner's value.
    const stored = await Promise.all(keys.map((key) => open().storage.get(key)));
    expect(stored).toEqual(results.map(([a]) => (a ? 'A' : 'B')));
  });
});

describe('createIdbStorage falling back to memory', () => {
  it('falls back when there is no indexedDB (SSR, Node), once, and works in memory', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const { storage, reasons } = open();
    await storage.set('k', { n: 1 });
    expect(await storage.get('k')).toEqual({ n: 1 });
    expect(await storage.setIfAbsent('claim', 1)).toBe(true);
    expect(await storage.setIfAbsent('claim', 2)).toBe(false);
    await storage.del('k');
    expect(await storage.get('k')).toBeUndefined();
    expect(reasons).toEqual([
      'IndexedDB unavailable (no indexedDB in this environment); keeping state in memory for this session',
    ]);
  });

  it('falls back when open() throws (SecurityError)', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        throw new DOMException('access denied', 'SecurityError');
      },
    });
    const { storage, reasons } = open();
    expect(await storage.get('k')).toBeUndefined();
    await storage.set('k', 1);
    expect(await storage.get('k')).toBe(1);
    expect(reasons).toEqual([
      'IndexedDB unavailable (SecurityError: access denied); keeping state in memory for this session',
    ]);
  });

  it('falls back when the open request fails (private mode)', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        const request: Record<string, any> = {};
        setTimeout(() => {
          request.error = new DOMException(
            'A mutation operation was attempted on a database that did not allow mutations.',
            'InvalidStateError',
          );
          request.onerror();
        });
        return request;
      },
    });
    const { storage, reasons } = open();
    const [got, claimed] = await Promise.all([storage.get('k'), storage.setIfAbsent('claim', 1)]);
    expect(got).toBeUndefined();
    expect(claimed).toBe(true);
    expect(await storage.setIfAbsent('claim', 2)).toBe(false);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(
      /^IndexedDB unavailable \(InvalidStateError: .*\); keeping state in memory for this session$/,
    );
  });

  it('falls back when a write fails (QuotaExceededError), keeping the value in memory', async () => {
    const { storage, reasons } = open();
    await storage.set('before', 1);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quota();
    });
    await expect(storage.set('doc', { count: 5 })).resolves.toBeUndefined();
    expect(await storage.get('doc')).toEqual({ count: 5 });
    expect(reasons).toEqual([
      'IndexedDB unavailable (QuotaExceededError: The quota has been exceeded.); keeping state in memory for this session',
    ]);

    // From now on everything stays in memory, even once IndexedDB would work again.
    put.mockRestore();
    await storage.set('after', 2);
    expect(await storage.get('after')).toBe(2);
    expect(await open().storage.get('after')).toBeUndefined();
    expect(reasons).toHaveLength(1);
  });

  it('falls back when setIfAbsent cannot write, and the claim holds in memory', async () => {
    const { storage, reasons } = open();
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quota();
    });
    expect(await storage.setIfAbsent('claim', 1)).toBe(true);
    expect(await storage.setIfAbsent('claim', 2)).toBe(false);
    expect(await storage.get('claim')).toBe(1);
    expect(reasons).toHaveLength(1);
  });

  it('repeats in memory a write that IndexedDB accepted after another write failed', async () => {
    const { storage, reasons } = open();
    const realPut = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
      if (key === 'bad') throw quota();
      return realPut.call(this, value, key);
    });
    await Promise.all([storage.set('bad', 1), storage.set('good', 2)]);
    expect(reasons).toHaveLength(1);
    expect(await storage.get('bad')).toBe(1);
    expect(await storage.get('good')).toBe(2);
  });

  it('falls back on a value IndexedDB cannot clone, without rejecting', async () => {
    const { storage, reasons } = open();
    await expect(storage.set('k', { fn: () => 1 })).resolves.toBeUndefined();
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/^IndexedDB unavailable \(DataCloneError: /);
    await storage.set('k', { n: 1 });
    expect(await storage.get('k')).toEqual({ n: 1 });
  });

  it('falls back when setIfAbsent meets a value it cannot clone, naming the real error', async () => {
    const { storage, reasons } = open();
    await expect(storage.setIfAbsent('claim', () => 1)).resolves.toBe(false);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/^IndexedDB unavailable \(DataCloneError: /);
    expect(await storage.setIfAbsent('claim', 1)).toBe(true);
  });

  it('calls onFallback once however many calls fail at the same time', async () => {
    let opens = 0;
    vi.stubGlobal('indexedDB', {
      open() {
        opens++;
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const { storage, reasons } = open();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => [
        storage.set(`k${i}`, i),
        storage.get(`k${i}`),
        storage.del('x'),
        storage.setIfAbsent('c', i),
      ]).flat(),
    );
    expect(reasons).toHaveLength(1);
    // After the first failure nothing tries IndexedDB again.
    expect(opens).toBe(1);
    expect(await storage.get('k9')).toBe(9);
  });

  it('never rejects, even when onFallback throws', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const storage = createIdbStorage({
      onFallback() {
        throw new Error('listener');
      },
    });
    await expect(storage.set('k', 1)).resolves.toBeUndefined();
    await expect(storage.set('f', () => 1)).resolves.toBeUndefined();
    await expect(storage.get('k')).resolves.toBe(1);
    await expect(storage.setIfAbsent('f', () => 1)).resolves.toBe(false);
    await expect(storage.del('k')).resolves.toBeUndefined();
  });
});

describe('update', () => {
  it('is an atomic read-modify-write across storages on one IndexedDB', async () => {
    const { IDBFactory } = await import('fake-indexeddb');
    vi.stubGlobal('indexedDB', new IDBFactory());
    const a = createIdbStorage({ onFallback: () => {} });
    const b = createIdbStorage({ onFallback: () => {} });
    const append = (s: typeof a, n: number) => s.update!('outbox', (old) => [...((old as number[]) || []), n]);
    await Promise.all(Array.from({ length: 40 }, (_, i) => append(i % 2 ? a : b, i)));
    expect(((await a.get('outbox')) as number[]).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i),
    );
    vi.unstubAllGlobals();
  });

  it('works in memory after a fallback', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const s = createIdbStorage({ onFallback: () => {} });
    await s.update!('k', (old) => ((old as number) || 0) + 1);
    await s.update!('k', (old) => ((old as number) || 0) + 1);
    expect(await s.get('k')).toBe(2);
    vi.unstubAllGlobals();
  });

  it('falls back to memory when the database never opens, instead of leaving every call pending', async () => {
    vi.useFakeTimers();
    try {
      // An open request that never fires success, error or blocked (seen in some Safari versions).
      vi.stubGlobal('indexedDB', { open: () => ({}) });
      const { storage, reasons } = open();
      const first = storage.get('wm:doc');
      const second = storage.set('wm:doc', { n: 1 });
      await vi.advanceTimersByTimeAsync(4999);
      expect(reasons).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(await first).toBeUndefined();
      await second;
      expect(reasons).toEqual([
        'IndexedDB unavailable (the database did not open within 5000 ms); keeping state in memory for this session',
      ]);
      expect(await storage.get('wm:doc')).toEqual({ n: 1 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('lists its keys, from IndexedDB and after a fallback from memory', async () => {
    const { storage } = open();
    await storage.set('a', 1);
    await storage.set('b', 2);
    expect((await storage.keys!()).sort()).toEqual(['a', 'b']);
    vi.stubGlobal('indexedDB', undefined);
    const fallen = open().storage;
    await fallen.set('c', 3);
    expect(await fallen.keys!()).toEqual(['c']);
  });
});
