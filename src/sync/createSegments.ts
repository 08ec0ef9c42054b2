import type { SyncStorage, WireEvent } from './types';
import { change, wireList as list } from './wireList';

/** Events per segment: acknowledging a batch rewrites one or two segments of at most this many, whatever the backlog. */
const SEGMENT = 100;

/** The numbers of the segments that may hold events: from `head` (the oldest) up to, not including, `tail`. */
interface Bounds {
  head: number;
  tail: number;
}

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
    // Held in order: the first is the oldest.
    for (const n of held.keys()) {
      head = Math.min(head, n);
      break;
    }
    if (head <= known.head) return;
    known = { head, tail: known.tail };
    await change(storage, boundsKey, (old) => {
      const stored = toBounds(old);
      return { head: Math.max(stored.head, head), tail: Math.max(stored.tail, head) };
    });
  };

  /** Holds nothing, and knows of no number from `tail` on. */
  const forget = (tail: number) => {
    held.clear();
    where.clear();
    known = { head: tail, tail };
  };
  /** The queued events, oldest first, read as they are walked: a caller that stops early pays for what it read. */
  function* each(): Generator<WireEvent> {
    for (const events of held.values()) yield* events;
  }

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
        for (let n = stored.head; n < stored.tail; n++)
          if (!held.has(n) && (n < known.head || n >= known.tail)) {
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
    events: (): WireEvent[] => [...each()],
    each_: each,
    has: (id: string): boolean => where.has(id),
    size: (): number => where.size,
    /**
     * Queues `events` after the others, in new segments. False when another tab counted past the numbers it took
     * meanwhile (so a tab may have passed over them): they are taken back, and stay where they came from.
     */
    append: (events: WireEvent[]): Promise<boolean> =>
      serial(async () => {
        if (!events.length) return true;
        // From the numbers known here (the caller loaded the record just before): a number taken since is passed
        // over below, and a count moved past it is caught when the record is written.
        let n = known.tail;
        const written: number[] = [];
        for (let i = 0; i < events.length; i += SEGMENT) {
          const part = events.slice(i, i + SEGMENT);
          // A number already taken: a tab that crashed before counting it, or another one moving at the same time.
          while (!(await storage.setIfAbsent(segmentKey(n), part))) n++;
          written.push(n++);
        }
        let before: Bounds = { head: 0, tail: 0 };
        await change(storage, boundsKey, (old) => {
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
          // Written without a read: a segment only shrinks after its one write, and this tab holds all it stores,
          // so this loses nothing (at worst it brings back what a second sender removed: a repeat, not a loss).
          const left = (held.get(n) ?? []).filter((event) => !ids.has(event.id));
          // Memory first, in one turn: a move asking what is queued meanwhile never sees kept events missing.
          unhold(n);
          if (left.length) {
            hold(n, left);
            await storage.set(segmentKey(n), left);
            continue;
          }
          held.delete(n);
          await storage.del(segmentKey(n));
          emptied = true;
        }
        if (emptied) await advance();
      }),
    /** Forgets what this tab held in memory: another tab may have sent and changed the segments meanwhile. */
    forget: (): Promise<void> => serial(async () => forget(0)),
    /** Removes every segment (consent withdrawn). */
    clear: (): Promise<void> =>
      serial(async () => {
        let before: Bounds = { head: 0, tail: 0 };
        await change(storage, boundsKey, (old) => {
          before = toBounds(old);
          return { head: before.tail, tail: before.tail };
        });
        const numbers = new Set(held.keys());
        for (let n = before.head; n < before.tail; n++) numbers.add(n);
        forget(before.tail);
        await Promise.all([...numbers].map((n) => storage.del(segmentKey(n))));
      }),
  };
}
