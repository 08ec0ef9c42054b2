import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/sync/createOutbox';
import { testStorage } from '../fixtures/testStorage';
import { OUTBOX_KEY, wireEvent } from './wireEvent';

/**
 * A sending tab with `backlog` events queued sends 40 batches while 20 new events arrive per batch. Answers per
 * batch the most storage reads, writes and events written, and the most events the batch's pick walked.
 */
async function sendWithBacklog(backlog: number) {
  const storage = testStorage();
  const total = () => ({ reads: storage.reads, writes: storage.changes, eventsWritten: storage.eventsWritten });
  const outbox = createOutbox({ storage, key: OUTBOX_KEY, maxQueue: 100_000, report: () => {}, onWrite: () => {} });
  let n = 0;
  for (; n < backlog; n++) outbox.add(wireEvent(n));
  await outbox.persist();
  await outbox.read();
  const most = { reads: 0, writes: 0, eventsWritten: 0, walked: 0 };
  for (let round = 0; round < 40; round++) {
    for (let i = 0; i < 20; i++) outbox.add(wireEvent(n++));
    const before = total();
    await outbox.persist();
    let walked = 0;
    const { batch } = await outbox.next_(
      20,
      () => {
        walked++;
        return false;
      },
      () => false,
    );
    expect(batch).toHaveLength(20);
    await outbox.ack(batch);
    const after = total();
    most.reads = Math.max(most.reads, after.reads - before.reads);
    most.writes = Math.max(most.writes, after.writes - before.writes);
    most.eventsWritten = Math.max(most.eventsWritten, after.eventsWritten - before.eventsWritten);
    most.walked = Math.max(most.walked, walked);
  }
  return most;
}

describe('the outbox under a backlog', () => {
  it('a batch costs the same storage work and walks the same events with 10 or 5,000 events waiting', async () => {
    const small = await sendWithBacklog(10);
    const large = await sendWithBacklog(5_000);
    // The pick walks its batch, never the backlog.
    expect(small.walked).toBe(20);
    expect(large.walked).toBe(20);
    expect(large.reads).toBeLessThanOrEqual(small.reads);
    expect(large.writes).toBeLessThanOrEqual(small.writes);
    // What a batch writes: its 20 arrivals into the inbox, then into a segment, and one segment's remainder (under
    // 100), where the backlog is 5,000.
    expect(large.eventsWritten).toBeLessThanOrEqual(140);
  });
});
