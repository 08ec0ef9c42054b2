import type { SyncStorage, WireEvent } from './types';

/** Events per segment: acknowledging a batch rewrites one or two segments of at most this many, whatever the backlog. */
const SEGMENT = 100;

/** The numbers of the segments that may hold events: from `head` (the oldest) up to, not including, `tail`. */
interface Bounds {
  head: number;
  tail: number;
}

const list = (value: unknown): WireEvent[] => (Array.isArray(value) ? value : []);
const toBounds = (value: unknown): Bounds => {
  const { head, tail } = (value ?? {}) as Partial<Bounds>;
  return Number.isInteger(head) && Number.isInteger(tail) && head! <= tail!
    ? { head: head!, tail: tail! }
    : { head: 0, tail: 0 };
};

/**
 * The sending tab's queue: the events it took from the shared inbox, oldest first, in numbered segments of at most
 * 100 events (`{key}:queue:{n}`), and one small record of which numbers are in use (`{key}:queue`). The sending tab
 * keeps what it loaded in memory, so a batch costs a read of that record and an atomic rewrite of the segment its
 * events came from, however many events wait. A segment is written once, under a number no other segment has, and
 * afterwards only shrinks; an emptied one is deleted. Every change is an atomic update or a write-if-absent, so
 * even two tabs that both believe they send (a lease taken over from a tab that froze) can repeat an event, never
 * lose one.
 *
 * @example
 * const queue = createSegments(storage, 'wm:pk_demo:outbox');
 * await queue.load();
 * if (await queue.append(fromInbox)) await removeFromInbox(fromInbox);
 * await queue.remove(new Set(acknowledgedIds));
 */
/* @__NO_SIDE_EFFECTS__ */
export function createSegments(storage: SyncStorage, key: string) {
  const boundsKey = key + ':queue';
  const segmentKey = (n: number) => `${boundsKey}:${n}`;
  // The segments held in memory that still hold events, by number, in order.
  let held = new Map<number, WireEvent[]>();
  // Event id to the number of the segment that holds it.
  const where = new Map<string, number>();
  // The numbers this tab has looked at (loaded, or written itself): no read needed for them.
  let known: Bounds = { head: 0, tail: 0 };
  let chain: Promise<unknown> = Promise.resolve();

  const change = (k: string, fn: (old: unknown) => unknown): Promise<void> =>
    storage.update ? storage.update(k, fn) : storage.get(k).then((old) => storage.set(k, fn(old)));
  /** One change at a time: each works from what the one before left in memory. */
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = chain.catch(() => {}).then(job);
    chain = next;
    return next;
  };
  const hold = (n: number, events: WireEvent[]) => {
    held.set(n, events);
    for (const event of events) where.set(event.id, n);
  };
  /** Forgets the events of segment `n` (the segment itself keeps its place in the order until deleted). */
  const unhold = (n: number) => {
    for (const event of held.get(n) ?? []) if (where.get(event.id) === n) where.delete(event.id);
  };
  /** Moves the stored head past the segments at the front that hold nothing any more. */
  const advance = async () => {
    let head = known.tail;
    for (const n of held.keys()) head = Math.min(head, n);
    if (head <= known.head) return;
    known = { head, tail: known.tail };
    await change(boundsKey, (old) => {
      const stored = toBounds(old);
      return { head: Math.max(stored.head, head), tail: Math.max(stored.tail, head) };
    });
  };

  return {
    /** Catches up with the stored record: loads segments this tab has not seen, forgets those no longer in use. */
    load: (): Promise<void> =>
      serial(async () => {
        const stored = toBounds(await storage.get(boundsKey));
        for (const n of [...held.keys()])
          if (n < stored.head || n >= stored.tail) {
            unhold(n);
            held.delete(n);
          }
        let added = false;
        for (let n = stored.head; n < stored.tail; n++) {
          if (held.has(n) || (n >= known.head && n < known.tail)) continue;
          const events = list(await storage.get(segmentKey(n)));
          // An event in two segments (a move repeated after a crash): the later copy goes, so one ack removes it.
          const fresh = events.filter((event) => !where.has(event.id));
          if (fresh.length < events.length)
            await (fresh.length ? storage.set(segmentKey(n), fresh) : storage.del(segmentKey(n)));
          if (fresh.length) {
            hold(n, fresh);
            added = true;
          }
        }
        if (added) held = new Map([...held].sort((a, b) => a[0] - b[0]));
        known = stored;
      }),
    /** Every queued event, oldest first. */
    events: (): WireEvent[] => ([] as WireEvent[]).concat(...held.values()),
    has: (id: string): boolean => where.has(id),
    size: (): number => where.size,
    /**
     * Queues `events` after the others, in new segments. False when another tab counted past the numbers it took
     * meanwhile (so a tab may have passed over them): they are taken back, and stay where they came from.
     */
    append: (events: WireEvent[]): Promise<boolean> =>
      serial(async () => {
        if (!events.length) return true;
        let n = Math.max(toBounds(await storage.get(boundsKey)).tail, known.tail);
        const written: number[] = [];
        for (let i = 0; i < events.length; i += SEGMENT) {
          const part = events.slice(i, i + SEGMENT);
          // A number already taken: a tab that crashed before counting it, or another one moving at the same time.
          while (!(await storage.setIfAbsent(segmentKey(n), part))) n++;
          written.push(n++);
        }
        let before: Bounds = { head: 0, tail: 0 };
        await change(boundsKey, (old) => {
          before = toBounds(old);
          return { head: before.head, tail: Math.max(before.tail, n) };
        });
        if (before.tail > written[0]) {
          await Promise.all(written.map((w) => storage.del(segmentKey(w))));
          return false;
        }
        for (let i = 0; i < written.length; i++) hold(written[i], events.slice(i * SEGMENT, (i + 1) * SEGMENT));
        // Numbers skipped over (segments of a tab that crashed before counting them) are read by the next load.
        if (written[0] === known.tail && n === known.tail + written.length) known = { head: known.head, tail: n };
        return true;
      }),
    /** Removes the events with these ids (acknowledged, or dropped past the bound). */
    remove: (ids: Set<string>): Promise<void> =>
      serial(async () => {
        const touched = new Set<number>();
        for (const id of ids) if (where.has(id)) touched.add(where.get(id)!);
        let emptied = false;
        for (const n of touched) {
          let left: WireEvent[] = [];
          await change(segmentKey(n), (old) => (left = list(old).filter((event) => !ids.has(event.id))));
          unhold(n);
          if (left.length) {
            hold(n, left);
            continue;
          }
          held.delete(n);
          await storage.del(segmentKey(n));
          emptied = true;
        }
        if (emptied) await advance();
      }),
    /** Forgets what this tab held in memory: another tab may have sent and changed the segments meanwhile. */
    forget: (): Promise<void> =>
      serial(async () => {
        held.clear();
        where.clear();
        known = { head: 0, tail: 0 };
      }),
    /** Removes every segment (consent withdrawn). */
    clear: (): Promise<void> =>
      serial(async () => {
        let before: Bounds = { head: 0, tail: 0 };
        await change(boundsKey, (old) => {
          before = toBounds(old);
          return { head: before.tail, tail: before.tail };
        });
        const numbers = new Set(held.keys());
        for (let n = before.head; n < before.tail; n++) numbers.add(n);
        held.clear();
        where.clear();
        known = { head: before.tail, tail: before.tail };
        await Promise.all([...numbers].map((n) => storage.del(segmentKey(n))));
      }),
  };
}
