import { HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { client, fakeNetwork, sorted, useMockBackend } from './sync.helpers';

const backend = useMockBackend();

describe('batching', () => {
  it('sends a full batch at once and a partial one after the flush interval', async () => {
    const { enqueue } = client();
    const full = enqueue(20);
    await vi.advanceTimersByTimeAsync(10);
    expect(backend.requests.map((r) => r.ids)).toEqual([full]);
    const partial = enqueue(5, 20);
    await vi.advanceTimersByTimeAsync(4_900);
    expect(backend.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(backend.requests.map((r) => r.ids)).toEqual([full, partial]);
    expect(backend.stored).toEqual([...full, ...partial]);
  });

  it('gives every event its own id and keeps it', async () => {
    const { sync, enqueue } = client();
    const ids = enqueue(1000);
    expect(new Set(ids).size).toBe(1000);
    await sync.flush();
    expect(backend.stored).toEqual(ids);
    expect(backend.requests).toHaveLength(50);
  });
});

describe('faults', () => {
  it('500 several times, then 200: each event stored once, after backoff', async () => {
    // Waits of 0.5, 1, 2 s: a random wait under 10 ms (1 run in 100) would retry inside the first check below.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    backend.reply(500, 503, 502);
    const { enqueue, errors } = client();
    const ids = enqueue(20);
    await vi.advanceTimersByTimeAsync(10);
    expect(backend.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(backend.requests.map((r) => r.status)).toEqual([500, 503, 502, 200]);
    expect(backend.requests.every((r) => sorted(r.ids).join() === sorted(ids).join())).toBe(true);
    expect(backend.stored).toEqual(ids);
    expect(errors).toEqual([]);
    vi.mocked(Math.random).mockRestore();
  });

  it('backs off exponentially with full jitter, capped', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    backend.reply(...Array(9).fill(503));
    const { enqueue } = client();
    const ids = enqueue(20);
    const at: number[] = [];
    const start = Date.now();
    for (let t = 0; t < 8 * 60_000 && backend.requests.length < 10; t += 100) {
      const before = backend.requests.length;
      await vi.advanceTimersByTimeAsync(100);
      if (backend.requests.length > before) at.push(Math.round((Date.now() - start) / 1000));
    }
    // Waits of ~1, 2, 4, 8, 16, 32 s, then 60 s at most.
    const gaps = at.slice(1).map((t, i) => t - at[i]);
    expect(gaps).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(backend.stored).toEqual(ids);
    vi.mocked(Math.random).mockRestore();
  });

  it('429 with Retry-After: waits that long, and flush() does not jump it', async () => {
    backend.reply(() => HttpResponse.json({}, { status: 429, headers: { 'Retry-After': '30' } }));
    const { sync, enqueue } = client();
    const ids = enqueue(20);
    await vi.advanceTimersByTimeAsync(10);
    await sync.flush();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(backend.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(backend.requests).toHaveLength(2);
    expect(backend.stored).toEqual(ids);
  });

  it('flush() skips a backoff wait', async () => {
    backend.reply(503);
    const { sync, enqueue } = client({ retryBase: 50_000 });
    const ids = enqueue(3);
    await sync.flush();
    expect(backend.stored).toEqual([]);
    await sync.flush();
    expect(backend.stored).toEqual(ids);
  });

  it('413 splits the batch down to single events and sets an oversize one aside', async () => {
    backend.limit(4_000);
    const { sync, enqueue, errors } = client();
    const small = enqueue(10);
    const big = sync.enqueue(eventWith(5_000));
    const more = enqueue(9, 10);
    await sync.flush();
    expect(sorted(backend.stored)).toEqual(sorted([...small, ...more]));
    expect(backend.stored).toHaveLength(19);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'event_too_large', message: expect.stringContaining(big) }),
    ]);
    // The outbox is empty: nothing more goes out.
    const count = backend.requests.length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(backend.requests).toHaveLength(count);
  });

  it('any other 4xx drops that batch with an error naming the status; later batches go', async () => {
    backend.reply(400);
    const { enqueue, errors } = client();
    enqueue(20);
    await vi.advanceTimersByTimeAsync(10);
    const later = enqueue(20, 20);
    await vi.advanceTimersByTimeAsync(10);
    expect(backend.stored).toEqual(later);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'sync_rejected', message: expect.stringContaining('HTTP 400') }),
    ]);
  });

  it('a network error is retried', async () => {
    backend.reply('error', 'error');
    const { enqueue, errors } = client();
    const ids = enqueue(20);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(backend.requests.map((r) => r.status)).toEqual(['error', 'error', 200]);
    expect(backend.stored).toEqual(ids);
    expect(errors).toEqual([]);
  });

  it('a request that hangs is abandoned at its timeout and retried', async () => {
    backend.reply('hang');
    const { enqueue } = client({ requestTimeout: 8_000 });
    const ids = enqueue(20);
    await vi.advanceTimersByTimeAsync(7_900);
    expect(backend.requests).toHaveLength(1);
    expect(backend.stored).toEqual([]);
    await vi.advanceTimersByTimeAsync(100 + 2_000);
    expect(backend.requests).toHaveLength(2);
    expect(backend.stored).toEqual(ids);
  });

  it('gives up on a batch after the retry budget, with an error, and goes on', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5); // waits of 0.5, 1, 2 … 30 s
    backend.reply(...Array(40).fill(503));
    const { enqueue, errors } = client({ retryBudget: 10 * 60_000 });
    enqueue(20);
    await vi.advanceTimersByTimeAsync(12 * 60_000);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'sync_gave_up', message: expect.stringContaining('HTTP 503') }),
    ]);
    expect(backend.stored).toEqual([]);
    backend.clear(); // the server recovers
    const later = enqueue(20, 20);
    await vi.advanceTimersByTimeAsync(10);
    expect(backend.stored).toEqual(later);
    vi.mocked(Math.random).mockRestore();
  });
});

describe('offline', () => {
  it('pauses while offline and sends on online, without counting failures', async () => {
    const network = fakeNetwork();
    network.set(false);
    const { sync, enqueue } = client({ platform: network });
    const ids = enqueue(45);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await sync.flush();
    expect(backend.requests).toEqual([]);
    network.set(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(backend.stored).toEqual(ids);
    expect(backend.requests.map((r) => r.ids.length)).toEqual([20, 20, 5]);
  });

  it('a network error while the device went offline waits for online, not for a backoff', async () => {
    const network = fakeNetwork();
    backend.reply(() => {
      network.set(false);
      return HttpResponse.error();
    });
    const { enqueue } = client({ platform: network, retryBase: 50_000 });
    const ids = enqueue(20);
    await vi.advanceTimersByTimeAsync(10);
    expect(backend.requests).toHaveLength(1);
    network.set(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(backend.stored).toEqual(ids);
  });
});

describe('gzip', () => {
  it('compresses large bodies when asked, and the backend reads them', async () => {
    const { sync, enqueue } = client({}, { gzipAbove: 1000 });
    const ids = enqueue(20);
    await sync.flush();
    expect(backend.requests[0].gzip).toBe(true);
    expect(backend.stored).toEqual(ids);
  });
});

function eventWith(bytes: number) {
  return {
    type: 'track' as const,
    name: 'big_event',
    properties: { blob: 'x'.repeat(bytes) },
    anonymousId: 'anon-1',
    timestamp: new Date().toISOString(),
  };
}
