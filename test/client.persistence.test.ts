import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { client, destroyClients, freshIndexedDB } from './client.helpers';
import { testStorage } from './fixtures/testStorage';

beforeEach(freshIndexedDB);
afterEach(() => {
  destroyClients();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('persistence in IndexedDB', () => {
  it('restores progress and achievements in a fresh client on the same database, without celebrating again', async () => {
    const a = client();
    await a.wm.ready;
    a.wm.track('project_created');
    a.wm.track('task_added');
    a.wm.track('task_added');
    await a.wm.flush();
    a.wm.destroy();

    const b = client();
    await b.wm.ready;
    expect(b.wm.milestone('first-project')).toMatchObject({ status: 'achieved' });
    expect(b.wm.milestone('five-tasks')).toMatchObject({ current: 2 });
    expect(b.achieved).toEqual([]);
    for (let i = 0; i < 3; i++) b.wm.track('task_added');
    expect(b.achieved).toEqual(['five-tasks']);
  });

  it('applies events tracked before ready, in order, after the restore', async () => {
    const a = client();
    a.wm.track('task_added');
    await a.wm.flush();
    a.wm.destroy();
    const b = client();
    for (let i = 0; i < 4; i++) b.wm.track('task_added');
    expect(b.wm.milestone('five-tasks')).toBeUndefined(); // the engine and state arrive with ready
    await b.wm.ready;
    expect(b.wm.milestone('five-tasks')).toMatchObject({ current: 5, status: 'achieved' });
  });

  it('writes once per burst of track() calls', async () => {
    vi.useFakeTimers();
    const storage = testStorage({ update: false, keys: false });
    const { wm } = client({ storage });
    await wm.ready;
    await vi.advanceTimersByTimeAsync(200);
    const before = storage.writes;
    for (let i = 0; i < 1000; i++) wm.track('task_added');
    expect(storage.writes).toBe(before);
    await vi.advanceTimersByTimeAsync(100);
    expect(storage.writes).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(storage.writes).toBe(before + 1);
  });

  it('writes pending state on pagehide and when the page is hidden', async () => {
    const storage = testStorage({ update: false, keys: false });
    const target = new EventTarget();
    vi.stubGlobal('addEventListener', target.addEventListener.bind(target));
    vi.stubGlobal('removeEventListener', target.removeEventListener.bind(target));
    const { wm } = client({ storage });
    await wm.ready;
    await wm.flush();
    const before = storage.writes;
    wm.track('task_added');
    target.dispatchEvent(new Event('pagehide'));
    await Promise.resolve();
    expect(storage.writes).toBe(before + 1);
  });

  it('discards corrupt data and data of another schema version, with an error naming why', async () => {
    for (const [stored, why] of [
      ['garbage', 'not an object'],
      [{ v: 99, startedAt: 1 }, 'schema version 99'],
      [{ v: 1, startedAt: 'x' }, 'corrupt'],
    ] as const) {
      const storage = testStorage({ update: false, keys: false });
      await storage.set('wm:pk_test:id', { anonymousId: 'anon' });
      await storage.set('wm:pk_test:a:anon', stored);
      const { wm, errors } = client({ storage });
      await wm.ready;
      expect(errors.map((e) => e.code)).toEqual(['storage_corrupt']);
      expect(errors[0].message).toContain(why);
      wm.track('project_created');
      expect(wm.milestone('first-project')!.status).toBe('achieved');
    }
  });

  it('falls back to memory with one warning when IndexedDB is missing, and keeps working', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { wm, errors } = client();
    await wm.ready;
    wm.track('project_created');
    wm.track('project_created');
    await wm.flush();
    expect(wm.milestone('first-project')!.status).toBe('achieved');
    expect(errors.filter((e) => e.code === 'storage_unavailable')).toHaveLength(1);
    expect(await wm.claimCelebration('first-project')).toBe(true);
    expect(await wm.claimCelebration('first-project')).toBe(false);
    expect(warn).not.toHaveBeenCalled(); // an error listener was attached, so the console stays quiet
  });

  it('falls back when opening IndexedDB throws', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const { wm, errors } = client();
    await wm.ready;
    wm.track('project_created');
    expect(wm.milestone('first-project')!.status).toBe('achieved');
    expect(errors.map((e) => e.code)).toEqual(['storage_unavailable']);
  });
});

describe('subscribers and ready', () => {
  it('are told when the restored state becomes readable, and read one stable empty snapshot before', async () => {
    const a = client();
    await a.wm.ready;
    a.wm.track('task_added');
    await a.wm.flush();
    a.wm.destroy();
    const { wm } = client();
    expect(wm.milestones()).toBe(wm.milestones());
    expect(wm.levels()).toBe(wm.levels());
    const seen: number[] = [];
    wm.subscribe(() => seen.push(wm.milestone('five-tasks')?.current ?? -1));
    await wm.ready;
    await Promise.resolve();
    expect(seen.at(-1)).toBe(1);
  });
});
