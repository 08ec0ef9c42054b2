import { batchByUser } from './batchByUser';
import { createSegments } from './createSegments';
import type { SpillStore, SyncStorage, WireEvent } from './types';
import { wireList as list } from './wireList';
import type { WaymarkError } from '../types';
/** The events of `lists` once each (the first with each id), in order. */
const unique = (...lists: WireEvent[][]): WireEvent[] => {
  const byId = new Map<string, WireEvent>();
  for (const event of lists.flat()) if (!byId.has(event.id)) byId.set(event.id, event);
  return [...byId.values()];
};

/**
 * The durable outbox. Every tab appends to one shared inbox (storage key `key`): `add` is memory only, and the
 * events are appended within 100 ms (or on `persist()`) by an atomic read-modify-write, so tabs never lose each
 * other's writes. The sending tab's `next_()` (and `read()`) moves what the inbox and the spills of closed pages hold into its queue
 * of numbered segments (`createSegments`), and `ack()` removes from there: a batch costs the same storage and CPU
 * work with 10 or 10,000 events waiting (it is picked from the queue held in memory without a walk over the backlog,
 * and acknowledged by writing or deleting one segment), where reading and rewriting one list of them all cost more with every
 * event.
 * An event leaves the inbox only once it is in the queue, and the queue only once acknowledged: durable until then.
 * Past `maxQueue` the oldest go (the inbox is bounded as it is written, the whole outbox as the sending tab reads).
 *
 * @example
 * const outbox = createOutbox({ storage, key: 'wm:pk:outbox', maxQueue: 10_000, report, onWrite: (size) => {} });
 * outbox.add(event);
 * const { batch } = await outbox.next_(20, (e) => inflight.has(e.id), tokens.held);
 * await outbox.ack(batch);
 */
/* @__NO_SIDE_EFFECTS__ */
export function createOutbox(o: {
  storage: SyncStorage;
  /** Where a page being unloaded writes; `storage` when absent. */
  spill?: SpillStore;
  key: string;
  maxQueue: number;
  report: (error: WaymarkError) => void;
  /** After each append: the outbox's size. */
  onWrite: (size: number) => void;
}) {
  const { storage, key, maxQueue } = o;
  const queue = createSegments(storage, key);
  let pending: WireEvent[] = []; // added, not yet written
  let stored: WireEvent[] = []; // the inbox as last read or written
  let saving = Promise.resolve();
  let chain = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const acked = new Set<string>();

  const update = (fn: (old: WireEvent[]) => WireEvent[]): Promise<void> => {
    if (storage.update) return storage.update(key, (old) => fn(list(old)));
    // Without an atomic update, at least this client's writes never interleave.
    chain = chain.catch(() => {}).then(async () => storage.set(key, fn(list(await storage.get(key)))));
    return chain;
  };

  const overflow = (dropped: number) =>
    o.report({ code: 'queue_overflow', message: `outbox full (${maxQueue} events): dropped the ${dropped} oldest` });

  // Each tab spills under its own key, so tabs closed together (a window with several) never overwrite each other.
  const spillKey = key + ':spill';
  const ownSpill = storage.keys ? `${spillKey}:${Math.random().toString(36).slice(2)}` : spillKey;
  const spills = async () => (storage.keys ? (await storage.keys()).filter((k) => k.startsWith(spillKey)) : [spillKey]);
  let spilled: WireEvent[] = [];
  // Taken by an outbox write that has not committed yet.
  let writing: WireEvent[][] = [];
  const persist = (leaving?: boolean): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (leaving) {
      // A page being unloaded gets no further turn: a read-modify-write would never reach its write, and one under
      // way may be dropped. One plain write of what only this tab holds, the uncommitted included, merged into
      // the outbox by the next read (here or in another tab).
      spilled = spilled.concat(
        writing.flat().filter((e) => !spilled.includes(e)),
        pending,
      );
      stored = stored.concat(pending);
      pending = [];
      if (!spilled.length) return saving;
      return o.spill?.put(ownSpill, spilled) ? Promise.resolve() : storage.set(ownSpill, spilled).catch(() => {});
    }
    if (!pending.length && !spilled.length) return saving;
    // The page lived on after all: what it spilled joins the outbox the normal way too (ids make repeats harmless).
    const taken = spilled.concat(pending);
    pending = [];
    spilled = [];
    // Counted as stored at once (a page hide may send it before the write lands); the write replaces it.
    stored = stored.concat(taken);
    writing.push(taken);
    let dropped = 0;
    const written = () => {
      writing = writing.filter((w) => w !== taken);
    };
    // Appended, not checked for repeats: the sending tab's move and the backend's ids make them harmless, and the
    // write costs what it appends (and the clone the storage makes).
    saving = update((old) => {
      const all = old.concat(taken);
      dropped = all.length - maxQueue;
      stored = dropped > 0 ? all.slice(dropped) : all;
      return stored;
    }).then(
      () => {
        written();
        if (dropped > 0) overflow(dropped);
        o.onWrite(stored.length + queue.size());
      },
      (error) => {
        written();
        pending = taken.concat(pending);
        o.report({ code: 'storage_error', message: `could not write the outbox: ${String(error)}` });
      },
    );
    return saving;
  };

  /** Drops the oldest queued events past `maxQueue`, and says how many. */
  const bound = async () => {
    const excess = queue.size() - maxQueue;
    if (excess <= 0) return;
    const oldest = new Set<string>();
    for (const e of queue.each_()) if (oldest.add(e.id).size >= excess) break;
    await queue.remove(oldest);
    overflow(excess);
  };

  // Listing the storage's keys costs more as the queue's segments grow: the sending tab looks for spilled events
  // in the storage (only there where the spill store refused them) when it starts and whenever its queue is empty.
  let looked = false;
  /** One at a time: two moves at once would both queue the same inbox events. */
  const move = async (): Promise<void> => {
    acked.clear();
    await queue.load();
    const found: string[] = [];
    const left: WireEvent[] = [];
    for (const k of storage.keys && looked && queue.size() ? [] : await spills()) {
      const spill = list(await storage.get(k));
      if (spill.length) {
        found.push(k);
        left.push(...spill);
      }
    }
    looked = true;
    const entries = o.spill?.entries(spillKey) ?? [];
    for (const [, spill] of entries) left.push(...list(spill));
    const inbox = list(await storage.get(key));
    const fresh = unique(inbox, left).filter((e) => !queue.has(e.id) && !acked.has(e.id));
    // Only once in the queue do they leave the inbox and the spills: a crash in between repeats them (same ids)
    // rather than losing them. Not queued (another tab moved at the same moment): they stay for the next read.
    if (await queue.append(fresh)) {
      if (inbox.length) await update((old) => (stored = old.filter((e) => !queue.has(e.id) && !acked.has(e.id))));
      for (const k of found) await storage.del(k);
      for (const [k] of entries) o.spill!.remove(k);
    }
    await bound();
  };
  let moving = Promise.resolve();
  const moveOnce = (): Promise<void> => (moving = moving.catch(() => {}).then(move));

  return {
    /** Memory only; returns the outbox size as known here. */
    add(event: WireEvent): number {
      timer ||= setTimeout(persist, 100);
      return pending.push(event) + stored.length + queue.size();
    },
    persist,
    /**
     * The sending tab's view: what the tabs appended (the inbox) and what closed pages left (spills) joins the
     * queue, and the queued events come back, oldest first, less any acknowledged while the read was under way.
     */
    async read(): Promise<WireEvent[]> {
      await moveOnce();
      return queue.events().filter((e) => !acked.has(e.id));
    },
    /**
     * The next request's events, by `batchByUser` over the queue, oldest first, once the inbox and the spills moved
     * in: the pick walks the queue held in memory and stops once the batch is full, so it costs the batch, not the
     * backlog. Moving every batch keeps the inbox (rewritten whole by every append) about one batch long, and its
     * segments small enough that acknowledging mostly deletes one whole.
     */
    async next_(size: number, busy: (event: WireEvent) => boolean, isHeld: (userId: string | undefined) => boolean) {
      await moveOnce();
      return batchByUser(queue.each_(), size, (e) => busy(e) || acked.has(e.id), isHeld);
    },
    async ack(events: WireEvent[]): Promise<void> {
      const ids = new Set(events.map((e) => e.id));
      for (const id of ids) acked.add(id);
      // A page hide sends from memory, so some may not have reached the queue: they leave the inbox instead.
      const outside = events.some((e) => !queue.has(e.id));
      stored = stored.filter((e) => !ids.has(e.id));
      await queue.remove(ids);
      if (outside) await update((old) => (stored = old.filter((e) => !ids.has(e.id))));
    },
    /** Everything known here, written or not: what a page hide sends from memory. */
    all: (): WireEvent[] => unique(queue.events(), stored, pending),
    /** This tab starts sending: what it held of the queue may have changed under another sender. */
    forget(): void {
      looked = false;
      void queue.forget();
    },
    /** Forgets every event, spilled ones included (consent withdrawn). */
    async clear(): Promise<void> {
      clearTimeout(timer);
      timer = undefined;
      pending = [];
      spilled = [];
      writing = [];
      stored = [];
      for (const [k] of o.spill?.entries(spillKey) ?? []) o.spill!.remove(k);
      await Promise.all([update(() => []), queue.clear(), ...(await spills()).map((k) => storage.del(k))]);
    },
  };
}
