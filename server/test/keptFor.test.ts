import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keptFor } from '../src/cache/keptFor';
import { startedBy } from '../src/state/readStartDays';

describe('keptFor', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shares one load per key for its time, then loads again', async () => {
    let loads = 0;
    const kept = keptFor(2_000, async (key) => `${key}:${++loads}`);
    expect(await Promise.all([kept.get('a'), kept.get('a')])).toEqual(['a:1', 'a:1']);
    expect(await kept.get('b')).toBe('b:2');
    vi.advanceTimersByTime(1_999);
    expect(await kept.get('a')).toBe('a:1');
    vi.advanceTimersByTime(1);
    expect(await kept.get('a')).toBe('a:3');
  });

  it('loads again after forget, and never keeps a failure', async () => {
    let loads = 0;
    const kept = keptFor(2_000, async () => {
      loads++;
      if (loads === 2) throw new Error('connection lost');
      return loads;
    });
    expect(await kept.get('a')).toBe(1);
    kept.forget('a');
    await expect(kept.get('a')).rejects.toThrow('connection lost');
    expect(await kept.get('a')).toBe(3);
  });
});

describe('startedBy', () => {
  const list = [
    { day: 10, total: 3 },
    { day: 12, total: 5 },
    { day: 20, total: 9 },
  ];
  it('answers the running total at the last start day on or before the day', () => {
    expect([9, 10, 11, 12, 19, 20, 400].map((day) => startedBy(list, day))).toEqual([0, 3, 3, 5, 5, 9, 9]);
    expect(startedBy(undefined, 10)).toBe(0);
    expect(startedBy([], 10)).toBe(0);
  });
});
