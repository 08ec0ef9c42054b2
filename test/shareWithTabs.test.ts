import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TabPresence } from '../src/client/Platform';
import { shareWithTabs } from '../src/client/shareWithTabs';
import { createUserDoc, markSeen, type UserDoc } from '../src/engine/userDoc';
import { createMemoryTabs } from './fixtures/memoryTabs';

// The tabs of one origin, in memory: messages arrive on microtasks, so the join timer runs on fake timers.
let tabs = createMemoryTabs();
const settle = () => vi.advanceTimersByTimeAsync(0);
let channels = 0;
let tabIds = 0;
let clock = 0;

beforeEach(() => {
  vi.useFakeTimers();
  tabs = createMemoryTabs();
});
afterEach(() => {
  tabs.closeAll();
  vi.useRealTimers();
});

/** A tab: a counting engine on its own document, linked on `name`. */
function tab(name: string, doc: UserDoc = createUserDoc(0), now = () => (clock += 1000), presence?: TabPresence) {
  const t = {
    id: `tab-${tabIds++}`,
    doc,
    count: () => t.doc.leaves.c?.n ?? 0,
    engine: {
      doc: () => t.doc,
      load: (next: UserDoc) => {
        t.doc = next;
      },
      lastSeen: (tab: string) => t.doc.seen?.[tab] ?? -1,
      markSeen: (tab: string, batch: number) => markSeen(t.doc, tab, batch),
      track: () => {
        t.doc.leaves.c ||= { n: 0 };
        t.doc.leaves.c.n += 1;
      },
    },
    share: undefined as ReturnType<typeof shareWithTabs>,
    track() {
      t.engine.track();
      t.share!.send('e', {}, 0);
    },
  };
  t.share = shareWithTabs({
    name,
    channel: tabs.open,
    tabId: t.id,
    engine: t.engine,
    docKey: () => 'k',
    // By default a second passes between calls: each burst comes after a quiet spell and is posted at once (the gap
    // has tests of its own below).
    now,
    presence,
    run: (op) => op(),
    reload: () => {},
  });
  return t;
}

describe('shareWithTabs', () => {
  it("applies the other tab's batches once, and none a document already includes", async () => {
    const name = `share-${channels++}`;
    const a = tab(name);
    const b = tab(name);
    a.track();
    a.track();
    await settle();
    expect([a.count(), b.count()]).toEqual([2, 2]);
    // A third tab loads a stored copy of b's document, which records a's batch: the same batch again is skipped.
    const stored = structuredClone(b.doc);
    const c = tab(name, stored);
    expect(Object.values(stored.seen!)).toEqual([0]);
    a.track();
    await settle();
    expect([a.count(), b.count(), c.count()]).toEqual([3, 3, 3]);
  });

  it("a joining tab adopts a live tab's document and replays what came after its question, once", async () => {
    const name = `share-${channels++}`;
    const a = tab(name);
    a.track();
    a.track();
    a.track();
    await settle();
    // b loaded an older stored document (nothing), then asks; a keeps tracking meanwhile.
    const b = tab(name);
    b.share!.join();
    a.track();
    b.track();
    await settle();
    expect(b.doc).not.toBe(a.doc);
    expect([a.count(), b.count()]).toEqual([5, 5]);
    b.track();
    a.track();
    await settle();
    expect([a.count(), b.count()]).toEqual([7, 7]);
  });

  it('forgets the batch numbers of the oldest tabs past 20', async () => {
    const name = `share-${channels++}`;
    const many = Array.from({ length: 22 }, () => tab(name));
    const last = tab(name);
    for (const t of many) t.track();
    await settle();
    expect(last.count()).toBe(22);
    expect(Object.keys(last.doc.seen!)).toHaveLength(20);
  });

  it('ignores messages it cannot apply (another version of waymark in another tab) without throwing', async () => {
    const name = `share-${channels++}`;
    const a = tab(name);
    const other = tabs.open(name, () => {});
    for (const m of [
      null,
      1,
      'x',
      { k: 'k', e: 'not a list', t: 'x', n: 0 },
      { k: 'k', e: [null], t: 'x', n: 0 },
      { k: 'k', d: 5, to: 'nobody' },
    ])
      other.post(m);
    other.post({ k: 'k', e: [['e', {}, 0]], t: 'x', n: 1 });
    await settle();
    expect(a.count()).toBe(1);
  });
});

describe('the join window', () => {
  /** A joining tab `waited` ms into its join window tracks one event, then a live tab answers it with a count of 5. */
  const lateAnswerAfter = async (waited: number) => {
    const name = `share-${channels++}`;
    const a = tab(name);
    a.share!.join();
    await vi.advanceTimersByTimeAsync(waited);
    a.track();
    const late = tabs.open(name, () => {});
    const answer = createUserDoc(0);
    answer.leaves.c = { n: 5 };
    late.post({ k: 'k', d: answer, to: a.id });
    await settle();
    return a;
  };

  it('a joining tab that hears from no live tab stops listening for a document after a second', async () => {
    // Alone, so nothing was adopted; a live tab that answers late is not adopted either: a's own count stays.
    const a = await lateAnswerAfter(1000);
    expect(a.count()).toBe(1);
  });

  it('within the second, the same late answer is adopted (the check above can fail)', async () => {
    const a = await lateAnswerAfter(999);
    // The adopted document's 5, and a's own event replayed on it.
    expect(a.count()).toBe(6);
  });
});

describe('bursts closer together than 50 ms', () => {
  /** Tab `a` on the fake clock, and every batch message another tab hears. */
  const watched = () => {
    const name = `share-${channels++}`;
    const a = tab(name, createUserDoc(0), Date.now);
    const heard: { n: number; e: unknown[] }[] = [];
    tabs.open(name, (m) => {
      const batch = m as { n?: number; e?: unknown[] };
      if (typeof batch.n === 'number') heard.push({ n: batch.n, e: batch.e! });
    });
    return { a, heard };
  };

  it('share one message: the first burst goes at once, the next when 50 ms have passed since', async () => {
    const { a, heard } = watched();
    a.track();
    a.track();
    await settle();
    expect(heard.map((b) => b.e.length)).toEqual([2]);
    // Three more bursts within the gap: held, then one message for all three.
    for (let i = 0; i < 3; i++) {
      a.track();
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(heard).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(heard.map((b) => b.e.length)).toEqual([2, 3]);
    expect(heard.map((b) => b.n)).toEqual([0, 1]);
    // After a quiet spell a burst goes at once again.
    await vi.advanceTimersByTimeAsync(1000);
    a.track();
    await settle();
    expect(heard.map((b) => b.e.length)).toEqual([2, 3, 1]);
  });

  it('what waits is posted at once by flush(), join(), changedUser() and close(), and marked in its document', async () => {
    const { a, heard } = watched();
    a.track();
    await settle();
    for (const [i, call] of [
      () => a.share!.flush(),
      () => a.share!.join(),
      () => a.share!.changedUser(),
      () => a.share!.close(),
    ].entries()) {
      a.track();
      call();
      await settle();
      expect(heard).toHaveLength(i + 2);
      // The document records the batch the moment it is posted: stored now, it covers what it includes.
      expect(a.doc.seen![a.id]).toBe(i + 1);
    }
    // Nothing was held back for the timer to post twice.
    await vi.advanceTimersByTimeAsync(100);
    expect(heard).toHaveLength(5);
  });
});

describe('a tab alone', () => {
  /** The tabs' marks, as Web Locks would hold them: open until closed. */
  const marks = new Set<string>();
  let answerMs = 0;
  const presence = (id: () => string): TabPresence => ({
    // Answered after `answerMs`, as a real query is answered after a while: the marks as they are then.
    othersOpen: () => new Promise((resolve) => setTimeout(() => resolve([...marks].some((m) => m !== id())), answerMs)),
    close: () => void marks.delete(id()),
  });
  /** A tab with a mark of its own, and every batch message another tab hears. */
  const marked = (name: string) => {
    let self = '';
    const t = tab(
      name,
      createUserDoc(0),
      undefined,
      presence(() => self),
    );
    self = t.id;
    marks.add(t.id);
    return t;
  };
  const listen = (name: string) => {
    const heard: unknown[] = [];
    tabs.open(name, (m) => typeof (m as { n?: number }).n === 'number' && heard.push(m));
    return heard;
  };
  const answered = () => vi.advanceTimersByTimeAsync(20);
  beforeEach(() => {
    marks.clear();
    answerMs = 0;
  });

  it('stops sharing after its join window; a tab that opens later adopts its document, then both share', async () => {
    const name = `share-${channels++}`;
    const a = marked(name);
    a.share!.join();
    a.track();
    await settle();
    // Nobody answered within the second and no other tab is marked: alone, once the question is answered.
    await vi.advanceTimersByTimeAsync(1000);
    await answered();
    const heard = listen(name);
    a.track();
    a.track();
    await settle();
    expect(heard).toEqual([]);
    expect(a.count()).toBe(3);
    // A tab opens: its question reaches a, whose answer holds the events it did not share.
    const b = marked(name);
    b.share!.join();
    await settle();
    expect(b.count()).toBe(3);
    a.track();
    b.track();
    await settle();
    expect([a.count(), b.count()]).toEqual([5, 5]);
    expect(heard.length).toBeGreaterThan(0);
  });

  it('keeps sharing while another tab is marked (a frozen one that did not answer), or was heard from while asking', async () => {
    const name = `share-${channels++}`;
    marks.add('frozen-tab');
    const a = marked(name);
    a.share!.join();
    await vi.advanceTimersByTimeAsync(1000);
    await answered();
    const heard = listen(name);
    a.track();
    await settle();
    expect(heard).toHaveLength(1);
    // The other tab closes: the next check finds a alone, unless a tab speaks while it asks.
    marks.delete('frozen-tab');
    const other = tabs.open(name, () => {});
    answerMs = 10;
    a.share!.check();
    other.post({ id: 1 });
    await answered();
    answerMs = 0;
    a.track();
    await settle();
    expect(heard).toHaveLength(2);
    a.share!.check();
    await answered();
    a.track();
    await settle();
    expect(heard).toHaveLength(2);
  });

  it('removes its mark when closed', () => {
    const a = marked(`share-${channels++}`);
    expect(marks.has(a.id)).toBe(true);
    a.share!.close();
    expect(marks.has(a.id)).toBe(false);
  });
});
