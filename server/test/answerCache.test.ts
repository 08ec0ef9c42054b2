import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answerCache, keepAnswersWarm, REUSE_FOR, SERVE_FOR, WARM_FOR } from '../src/cache/answerCache';

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

  /** Answers 10,000, 10,001, … (all large), one more each time it is computed. */
  const growing = () => {
    let next = 10_000;
    return vi.fn(async () => next++);
  };
  const large = (n: number) => n >= 5_000;
  const settle = () => vi.advanceTimersByTimeAsync(0);

  it('after a minute, serves the answer it has at once and computes a new one beside it', async () => {
    const cache = answerCache({});
    // Each computation waits until the test lets it answer.
    const waiting: (() => void)[] = [];
    let next = 10_000;
    const compute = vi.fn(() => new Promise<number>((resolve) => waiting.push(() => resolve(next++))));
    const first = cache('k', compute, large);
    waiting.shift()!();
    expect(await first).toBe(10_000);
    vi.advanceTimersByTime(REUSE_FOR);
    expect(await cache('k', compute, large)).toBe(10_000);
    // Asked again while the new one is computed: still one computation, and the answer it has.
    expect(await cache('k', compute, large)).toBe(10_000);
    expect(compute).toHaveBeenCalledTimes(2);
    waiting.shift()!();
    await settle();
    expect(await cache('k', compute, large)).toBe(10_001);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('keeps serving the answer it has when computing a new one fails', async () => {
    const cache = answerCache({});
    let fail = false;
    const compute = vi.fn(async () => {
      if (fail) throw new Error('statement timeout');
      return 10_000;
    });
    await cache('k', compute, large);
    vi.advanceTimersByTime(REUSE_FOR);
    fail = true;
    expect(await cache('k', compute, large)).toBe(10_000);
    await settle();
    expect(await cache('k', compute, large)).toBe(10_000);
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('drops an answer whose new computation is no longer large', async () => {
    const cache = answerCache({});
    const answers = [10_000, 3, 4];
    const compute = vi.fn(async () => answers.shift()!);
    await cache('k', compute, large);
    vi.advanceTimersByTime(REUSE_FOR);
    expect(await cache('k', compute, large)).toBe(10_000);
    await settle();
    expect(await cache('k', compute, large)).toBe(4);
  });

  it('waits for a new answer once the one it has is older than it may be served', async () => {
    const cache = answerCache({});
    const compute = growing();
    await cache('k', compute, large);
    vi.advanceTimersByTime(REUSE_FOR + SERVE_FOR);
    expect(await cache('k', compute, large)).toBe(10_001);
  });

  it('keeps warm answers fresh while someone asks for them, and only those', async () => {
    const owner = {};
    const cache = answerCache(owner);
    const warm = growing();
    const cold = growing();
    await cache('warm', warm, large, { warm: true });
    await cache('cold', cold, large);
    // Nothing is old enough yet.
    expect(await keepAnswersWarm(owner)).toBe(0);
    vi.advanceTimersByTime(REUSE_FOR);
    expect(await keepAnswersWarm(owner)).toBe(1);
    expect(warm).toHaveBeenCalledTimes(2);
    expect(cold).toHaveBeenCalledTimes(1);
    // Hours later, kept warm every few minutes, it answers at once with a recent answer.
    for (let i = 0; i < 100; i++) {
      vi.advanceTimersByTime(4 * 60_000);
      await keepAnswersWarm(owner);
    }
    expect(await cache('warm', warm, large, { warm: true })).toBe(10_101);
    expect(warm).toHaveBeenCalledTimes(102);
    // Not asked for in a day: dropped, so the next question computes again.
    vi.advanceTimersByTime(WARM_FOR);
    expect(await keepAnswersWarm(owner)).toBe(0);
    expect(await cache('warm', warm, large, { warm: true })).toBe(10_102);
  });

  it('has nothing to keep warm for an owner that never asked', async () => {
    expect(await keepAnswersWarm({})).toBe(0);
  });
});
