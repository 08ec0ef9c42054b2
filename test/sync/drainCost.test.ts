import { describe, expect, it } from 'vitest';
import { createFetchTransport, createMemoryStorage } from '../../src/index';
import type { SyncStorage, Transport } from '../../src/sync/types';
import { client, useMockBackend } from './sync.helpers';

const backend = useMockBackend();

const OUTBOX = 'wm:pk_test:outbox';

const bytes = (value: unknown) => (value === undefined ? 0 : JSON.stringify(value).length);

/**
 * The real memory storage, with every operation counted: how many, and the bytes read and written (JSON length of
 * the values, as IndexedDB would clone them).
 */
function countedStorage() {
  const inner = createMemoryStorage();
  const total = { operations: 0, bytes: 0 };
  const count = (n: number) => {
    total.operations++;
    total.bytes += n;
  };
  const storage: SyncStorage = {
    get: async (k) => {
      const value = await inner.get(k);
      count(bytes(value));
      return value;
    },
    set: async (k, v) => {
      count(bytes(v));
      return inner.set(k, v);
    },
    del: async (k) => {
      count(0);
      return inner.del(k);
    },
    setIfAbsent: async (k, v) => {
      count(bytes(v));
      return inner.setIfAbsent(k, v);
    },
    update: (k, fn) =>
      inner.update!(k, (old) => {
        const value = fn(old);
        count(bytes(old) + bytes(value));
        return value;
      }),
    keys: async () => {
      const keys = await inner.keys!();
      count(bytes(keys));
      return keys;
    },
  };
  return { storage, total };
}

/**
 * Queues `backlog` events while nothing may be sent, then drains them. Answers the storage work between consecutive
 * requests, and the bytes of one queued event.
 */
async function drain(backlog: number) {
  const { storage, total } = countedStorage();
  const queueing = client({ storage, consent: 'pending' });
  queueing.enqueue(backlog);
  await queueing.sync.persist();
  queueing.sync.destroy();
  const eventBytes = bytes(await storage.get(OUTBOX)) / backlog;

  const perBatch: { operations: number; bytes: number }[] = [];
  let last = { ...total };
  const fetchTransport = createFetchTransport();
  // Each request closes the storage work of the batch before it.
  const transport: Transport = (request) => {
    perBatch.push({ operations: total.operations - last.operations, bytes: total.bytes - last.bytes });
    last = { ...total };
    return fetchTransport(request);
  };
  const sending = client({ storage, transport });
  await sending.sync.flush();
  sending.sync.destroy();
  expect(backend.stored).toHaveLength(backlog);
  backend.reset();
  // Before the first request, the read that moved the whole backlog into the queue, once; after it, the drain.
  return { perBatch: perBatch.slice(1), eventBytes };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const max = (values: number[]) => Math.max(...values);

describe('draining a backlog', () => {
  it('costs the same storage work per batch with 400 or 4,000 events waiting: about one segment (100 events)', {
    timeout: 120_000,
  }, async () => {
    const small = (await drain(400)).perBatch;
    const { perBatch: large, eventBytes } = await drain(4_000);
    expect(large).toHaveLength(199);
    // A whole-outbox rewrite reads and writes every waiting event for each batch: ten times the bytes at 4,000.
    expect(median(large.map((b) => b.bytes))).toBeLessThan(median(small.map((b) => b.bytes)) * 1.2);
    expect(max(large.map((b) => b.bytes))).toBeLessThan(max(small.map((b) => b.bytes)) * 1.2);
    expect(max(large.map((b) => b.operations))).toBeLessThanOrEqual(max(small.map((b) => b.operations)));
    // A segment read and written back, less the batch: under 200 events' worth, where the whole outbox is 4,000.
    expect(eventBytes).toBeGreaterThan(100);
    expect(max(large.map((b) => b.bytes))).toBeLessThan(200 * eventBytes);
  });
});
