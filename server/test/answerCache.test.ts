import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answerCache, REUSE_FOR } from '../src/cache/answerCache';

describe('answerCache', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const counting = (answer: number) => {
    const compute = vi.fn(async () => answer);
    return compute;
  };

  it('shares one computation between concurrent reads of a key', async () => {
    const cache = answerCache({});
    const compute = counting(3);
    const answers = await Promise.all([cache('k', compute, () => false), cache('k', compute, () => false)]);
    expect(answers).toEqual([3, 3]);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('never keeps a small answer, so a small project always sees its latest data', async () => {
    const cache = answerCache({});
    const compute = counting(3);
    await cache('k', compute, () => false);
    await cache('k', compute, () => false);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('reuses a large answer for a minute, then computes it again', async () => {
    const cache = answerCache({});
    const compute = counting(10_000);
    const large = (n: number) => n >= 5_000;
    await cache('k', compute, large);
    vi.advanceTimersByTime(REUSE_FOR - 1);
    expect(await cache('k', compute, large)).toBe(10_000);
    expect(compute).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    await cache('k', compute, large);
    expect(compute).toHaveBeenCalledTimes(2);
    // Another key is another question.
    await cache('other', compute, large);
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('never keeps a failure', async () => {
    const cache = answerCache({});
    const failing = vi.fn(async () => {
      throw new Error('statement timeout');
    });
    await expect(cache('k', failing, () => true)).rejects.toThrow('statement timeout');
    const compute = counting(1);
    expect(await cache('k', compute, () => true)).toBe(1);
    expect(failing).toHaveBeenCalledTimes(1);
  });

  it('is one cache per owner (per server)', async () => {
    const owner = {};
    expect(answerCache(owner)).toBe(answerCache(owner));
    const compute = counting(10_000);
    await answerCache(owner)('k', compute, () => true);
    await answerCache({})('k', compute, () => true);
    expect(compute).toHaveBeenCalledTimes(2);
  });
});
