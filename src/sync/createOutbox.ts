import type { SpillStore, SyncStorage, WireEvent } from './types';
import type { WaymarkError } from '../types';

const list = (value: unknown): WireEvent[] => (Array.isArray(value) ? value : []);
/** `old` with the events of `more` it does not hold yet (by id). */
const merge = (old: WireEvent[], more: WireEvent[]) => {
  const ids = new Set(old.map((e) => e.id));
  return old.concat(more.filter((e) => !ids.has(e.id)));
};

/**
 * The durable outbox, one storage key shared by every tab. `add` is memory only; the events are
 * appended within 100 ms (or on `persist()`) by an atomic read-modify-write, so tabs never lose
 * each other's writes, and removed the same way once acknowledged. Past `maxQueue` the oldest go.
 *
 * @example
 * const outbox = createOutbox({ storage, key: 'wm:pk:outbox', maxQueue: 10_000, report, onWrite: (size) => {} });
 * outbox.add(event);
 * const events = await outbox.read();
 * await outbox.ack(events);
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
  let pending: WireEvent[] = []; // added, not yet written
  let stored: WireEvent[] = []; // the stored list as last read or written
  let saving = Promise.resolve();
  let chain = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const acked = new Set<string>();

  const update = (fn: (old: WireEvent[]) => WireEvent[]): Promise<void> =>
    storage.update
      ? storage.update(key, (old) => fn(list(old)))
      : // Without an atomic update, at least this client's writes never interleave.
        (chain = chain.catch(() => {}).then(async () => storage.set(key, fn(list(await storage.get(key))))));

  // Each tab spills under its own key, so tabs closed together (a window with several) never overwrite each other.
  const spillKey = key + ':spill';
  const ownSpill = storage.keys ? `${spillKey}:${Math.random().toString(36).slice(2)}` : spillKey;
  const spills = async () => (storage.keys ? (await storage.keys()).filter((k) => k.startsWith(spillKey)) : [spillKey]);
  let spilled: WireEvent[] = [];
  // Taken by an outbox write that has not committed yet.
  let writing: WireEvent[] = [];
  const persist = (leaving?: boolean): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (leaving) {
      // A page being unloaded gets no further turn: a read-modify-write would never reach its write, and one under
      // way may be dropped. One plain write of what only this tab holds, the uncommitted included, merged into
      // the outbox by the next read (here or in another tab).
      spilled = spilled.concat(writing.filter((e) => !spilled.includes(e)), pending);
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
    writing = writing.concat(taken);
    let dropped = 0;
    const written = () => (writing = writing.filter((e) => !taken.includes(e)));
    return (saving = update((old) => {
      const all = merge(old, taken);
      dropped = all.length - maxQueue;
      return (stored = dropped > 0 ? all.slice(dropped) : all);
    }).then(
      () => {
        written();
        if (dropped > 0) o.report({ code: 'queue_overflow', message: `outbox full (${maxQueue} events): dropped the ${dropped} oldest` });
        o.onWrite(stored.length);
      },
      (error) => {
        written();
        pending = taken.concat(pending);
        o.report({ code: 'storage_error', message: `could not write the outbox: ${String(error)}` });
      },
    ));
  };

  return {
    /** Memory only; returns the outbox size as known here. */
    add(event: WireEvent): number {
      timer ||= setTimeout(persist, 100);
      return pending.push(event) + stored.length;
    },
    persist,
    /** The stored events, oldest first, less any acknowledged while the read was under way. */
    async read(): Promise<WireEvent[]> {
      acked.clear();
      for (const k of await spills()) {
        const spill = list(await storage.get(k));
        if (spill.length) await update((old) => merge(old, spill)), await storage.del(k);
      }
      for (const [k, spill] of o.spill?.entries(spillKey) ?? []) await update((old) => merge(old, list(spill))), o.spill!.remove(k);
      stored = list(await storage.get(key));
      return stored.filter((e) => !acked.has(e.id));
    },
    ack(events: WireEvent[]): Promise<void> {
      const ids = new Set(events.map((e) => e.id));
      ids.forEach((id) => acked.add(id));
      return update((old) => (stored = old.filter((e) => !ids.has(e.id))));
    },
    /** Everything known here, written or not: what a page hide sends from memory. */
    all: (): WireEvent[] => stored.concat(pending),
    /** Forgets every event, spilled ones included (consent withdrawn). */
    async clear(): Promise<void> {
      clearTimeout(timer);
      timer = undefined;
      (pending = []), (spilled = []), (writing = []), (stored = []);
      for (const [k] of o.spill?.entries(spillKey) ?? []) o.spill!.remove(k);
      await Promise.all([update(() => []), ...(await spills()).map((k) => storage.del(k))]);
    },
  };
}
