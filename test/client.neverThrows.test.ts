import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWaymark } from '../src/index';
import type { Waymark } from '../src/types';
import { client, defs, destroyClients, destroyLater, freshIndexedDB, useFakeTimers } from './client.helpers';

beforeEach(() => {
  freshIndexedDB();
  useFakeTimers();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  destroyClients();
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

// A small seeded PRNG keeps the fuzz reproducible: a failure names its seed.
const prng = (seed: number) => () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

const cyclic: any = { a: 1 };
cyclic.self = cyclic;
const throwingGetter = Object.defineProperty({}, 'boom', {
  enumerable: true,
  get: () => {
    throw new Error('getter');
  },
});
const hostileProxy = new Proxy(
  {},
  {
    ownKeys: () => {
      throw new Error('ownKeys');
    },
    get: () => {
      throw new Error('get');
    },
  },
);
const domLike = { nodeType: 1, nodeName: 'DIV', ownerDocument: {} };

const nasty: unknown[] = [
  undefined,
  null,
  NaN,
  Infinity,
  -0,
  0,
  42,
  10n ** 30n,
  Symbol('s'),
  () => 1,
  '',
  'task_added',
  'x'.repeat(1_000_000),
  [],
  [1, [2, [3]]],
  {},
  cyclic,
  throwingGetter,
  hostileProxy,
  domLike,
  new Date('nope'),
  new Date(0),
  new Map([[1, 2]]),
  { timestamp: 'not a date' },
  { timestamp: Symbol('t') },
  { feature: () => 1, amount: 10n },
  Object.create(null),
  true,
  'achieved',
  'error',
  'granted',
  'first-project',
  { nested: { deep: { deeper: { deepest: { bottom: { x: 1 } } } } } },
];

const methods: (keyof Waymark)[] = [
  'track',
  'identify',
  'group',
  'milestones',
  'milestone',
  'levels',
  'on',
  'subscribe',
  'claimCelebration',
  'flush',
  'setConsent',
  'reset',
  'setDefinitions',
  'report',
];

async function fuzz(wm: Waymark, seed: number, rounds: number) {
  const random = prng(seed);
  const pick = () => nasty[Math.floor(random() * nasty.length)];
  for (let i = 0; i < rounds; i++) {
    const method = methods[Math.floor(random() * methods.length)];
    const args = Array.from({ length: Math.floor(random() * 4) }, pick);
    let result: unknown;
    expect(() => (result = (wm[method] as any)(...args)), `seed ${seed} round ${i}: ${method}`).not.toThrow();
    // A promise a public method returns never rejects. (This line used to read `.resolves.not.toThrow` without the
    // call, which asserted nothing: a rejected promise passed it.)
    if (result instanceof Promise) {
      const outcome = await result.then(
        () => 'resolved',
        (error) => `rejected: ${String(error)}`,
      );
      expect(outcome, `seed ${seed} round ${i}: ${method}`).toBe('resolved');
    }
  }
}

describe('no public method ever throws', () => {
  it('survives a generated fuzz over every method, then still works, with no unhandled rejection', async () => {
    const rejections: unknown[] = [];
    const onRejection = (e: unknown) => rejections.push(e);
    process.on('unhandledRejection', onRejection);
    const clients: Waymark[] = [];
    try {
      for (const seed of [1, 2, 3]) {
        // A project of its own per seed: its client shares no tab channel or database with the seeds before it.
        const { wm, errors } = client({ projectKey: `pk_fuzz_${seed}` });
        clients.push(wm);
        await wm.ready;
        await fuzz(wm, seed, 300);
        await wm.flush();
        expect(errors.length).toBeGreaterThan(0);
        expect(errors.every((e) => typeof e.code === 'string' && typeof e.message === 'string')).toBe(true);
        // Everything else keeps working: one bad event never blocks the ones after it.
        await wm.reset();
        wm.setDefinitions({ milestones: defs });
        wm.track('task_added', { big: 10n, f: () => 1, cyclic });
        wm.track('project_created');
        expect(wm.milestone('first-project')!.status).toBe('achieved');
        expect(wm.milestone('five-tasks')!.current).toBe(1);
      }
      // What the clients still had scheduled (coalesced writes, the tab join window) runs; then one turn of the event
      // loop, after which Node has reported any rejection left unhandled.
      await vi.advanceTimersByTimeAsync(10_000);
      for (const wm of clients) await wm.flush();
      await new Promise((resolve) => setImmediate(resolve));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('survives hostile listeners', async () => {
    const { wm, errors } = client();
    wm.on('achieved', () => {
      throw new Error('listener bug');
    });
    wm.subscribe(() => {
      throw new Error('subscriber bug');
    });
    await wm.ready;
    wm.track('project_created');
    await Promise.resolve();
    expect(wm.milestone('first-project')!.status).toBe('achieved');
    expect([...new Set(errors.filter((e) => e.code === 'listener_error').map((e) => e.message))].sort()).toEqual([
      'a "achieved" listener threw: Error: listener bug',
      'a "change" listener threw: Error: subscriber bug',
    ]);
  });

  it('createWaymark never throws: bad options become errors and a working client', async () => {
    for (const options of nasty) {
      let wm!: Waymark;
      expect(() => (wm = destroyLater(createWaymark(options as any)))).not.toThrow();
      const errors: string[] = [];
      wm.on('error', (e) => errors.push(`${e.code} ${e.path}`));
      await wm.ready;
      await Promise.resolve();
      expect(errors.some((e) => e === 'invalid_option options' || e === 'invalid_option projectKey')).toBe(true);
      wm.track('x');
      expect(wm.milestones()).toEqual([]);
    }
  });

  it('names each bad option, and rejects invalid definitions one by one', async () => {
    const errors: { code: string; path?: string }[] = [];
    const wm = destroyLater(
      createWaymark({
        projectKey: 'pk',
        consent: 'maybe' as any,
        now: 5 as any,
        storage: 'cookies' as any,
        endpoint: 'javascript:alert(1)',
        milestones: [
          { id: 'good', title: 'Good', rule: { event: 'a' } },
          { id: 'bad', title: 'Bad', rule: { event: 'a', count: -1 } },
          { id: 'good-2', title: 'Good 2', rule: { event: 'a', count: 2 } },
        ],
      }),
    );
    wm.on('error', (e) => errors.push({ code: e.code, path: e.path }));
    await wm.ready;
    expect(errors).toEqual([
      { code: 'invalid_option', path: 'storage' },
      { code: 'invalid_option', path: 'endpoint' },
      { code: 'invalid_option', path: 'consent' },
      { code: 'invalid_option', path: 'now' },
      { code: 'invalid_definition', path: 'milestones[1].rule.count' },
    ]);
    wm.track('a');
    wm.track('a');
    expect(wm.milestones().map((m) => [m.id, m.status])).toEqual([
      ['good', 'achieved'],
      ['good-2', 'achieved'],
    ]);
  });

  it('ignores calls after destroy() with a warning, and never throws', async () => {
    const { wm } = client();
    await wm.ready;
    wm.destroy();
    for (const method of methods) expect(() => (wm[method] as any)('task_added')).not.toThrow();
    expect(await wm.claimCelebration('first-project')).toBe(false);
    expect(console.warn).toHaveBeenCalledWith('[waymark] track() called after destroy(); ignored');
  });
});

describe('destroy() before ready', () => {
  it('releases the session that finishes loading afterwards: no page listener stays attached', async () => {
    const attached = new Set<unknown>();
    vi.stubGlobal('addEventListener', (_: string, fn: unknown) => attached.add(fn));
    vi.stubGlobal('removeEventListener', (_: string, fn: unknown) => attached.delete(fn));
    const { wm } = client();
    wm.destroy();
    await wm.ready;
    expect(attached.size).toBe(0);
    const live = client();
    await live.wm.ready;
    expect(attached.size).toBe(1); // the control: a live client listens for pagehide
    live.wm.destroy();
    expect(attached.size).toBe(0);
  });
});
