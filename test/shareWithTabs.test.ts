import { describe, expect, it } from 'vitest';
import { shareWithTabs } from '../src/client/shareWithTabs';
import { createUserDoc, type UserDoc } from '../src/engine/userDoc';
import { openTabChannel } from '../src/platform/browser/openTabChannel';
import { randomId } from '../src/platform/browser/randomId';

const settle = () => new Promise((r) => setTimeout(r, 20));
let channels = 0;

/** A tab: a counting engine on its own document, linked on `name`. */
function tab(name: string, doc: UserDoc = createUserDoc(0)) {
  const t = {
    doc,
    count: () => t.doc.leaves.c?.n ?? 0,
    engine: {
      doc: () => t.doc,
      load: (next: UserDoc) => void (t.doc = next),
      track: () => void ((t.doc.leaves.c ||= { n: 0 }).n += 1),
    },
    share: undefined as ReturnType<typeof shareWithTabs>,
    track() {
      t.engine.track();
      t.share!.send('e', {}, 0);
    },
  };
  t.share = shareWithTabs({
    name,
    channel: openTabChannel,
    tabId: randomId(),
    engine: t.engine,
    docKey: () => 'k',
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
    [a, b, c].forEach((t) => t.share!.close());
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
    [a, b].forEach((t) => t.share!.close());
  });

  it('forgets the batch numbers of the oldest tabs past 20', async () => {
    const name = `share-${channels++}`;
    const tabs = Array.from({ length: 22 }, () => tab(name));
    const last = tab(name);
    for (const t of tabs) t.track();
    await settle();
    expect(last.count()).toBe(22);
    expect(Object.keys(last.doc.seen!)).toHaveLength(20);
    [...tabs, last].forEach((t) => t.share!.close());
  });

  it('ignores messages it cannot apply (another version of waymark in another tab) without throwing', async () => {
    const name = `share-${channels++}`;
    const a = tab(name);
    const other = new BroadcastChannel(name);
    for (const m of [
      null,
      1,
      'x',
      { k: 'k', e: 'not a list', t: 'x', n: 0 },
      { k: 'k', e: [null], t: 'x', n: 0 },
      { k: 'k', d: 5, to: 'nobody' },
    ])
      other.postMessage(m);
    other.postMessage({ k: 'k', e: [['e', {}, 0]], t: 'x', n: 1 });
    await settle();
    expect(a.count()).toBe(1);
    other.close();
    a.share!.close();
  });
});
