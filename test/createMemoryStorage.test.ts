import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../src/index';

describe('createMemoryStorage', () => {
  it('stores, reads and deletes values', async () => {
    const storage = createMemoryStorage();
    expect(await storage.get('k')).toBeUndefined();
    await storage.set('k', { n: 1, at: new Date(0) });
    expect(await storage.get('k')).toEqual({ n: 1, at: new Date(0) });
    await storage.del('k');
    expect(await storage.get('k')).toBeUndefined();
  });

  it('clones on set and on get, so callers never alias stored data', async () => {
    const storage = createMemoryStorage();
    const value = { list: [1] };
    await storage.set('k', value);
    value.list.push(2);
    const read = (await storage.get('k')) as { list: number[] };
    expect(read).toEqual({ list: [1] });
    read.list.push(3);
    expect(await storage.get('k')).toEqual({ list: [1] });
    expect(await storage.get('k')).not.toBe(await storage.get('k'));
  });

  it('setIfAbsent stores only the first value, even when called concurrently', async () => {
    const storage = createMemoryStorage();
    const results = await Promise.all([1, 2, 3].map((n) => storage.setIfAbsent('claim', n)));
    expect(results).toEqual([true, false, false]);
    expect(await storage.get('claim')).toBe(1);
    await storage.del('claim');
    expect(await storage.setIfAbsent('claim', 4)).toBe(true);
    expect(await storage.get('claim')).toBe(4);
  });

  it('keeps separate instances separate', async () => {
    const a = createMemoryStorage();
    const b = createMemoryStorage();
    await a.set('k', 1);
    expect(await b.get('k')).toBeUndefined();
  });

  it('rejects a value IndexedDB could not store either, leaving the old value', async () => {
    const storage = createMemoryStorage();
    await storage.set('k', 1);
    await expect(storage.set('k', { fn: () => 1 })).rejects.toThrow();
    expect(await storage.get('k')).toBe(1);
  });
});
