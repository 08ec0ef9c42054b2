import type { LeafState } from './createLeaf';
import type { Properties } from '../types';

/** Bumped when the stored shape changes; older documents are migrated or discarded by `readUserDoc`. */
export const SCHEMA_VERSION = 1;

/**
 * Everything waymark keeps about one user: bounded per milestone, never the raw events.
 * Plain JSON, so any storage (IndexedDB, memory, a server's) can hold it.
 */
export interface UserDoc {
  v: number;
  /** When this user was first seen, epoch ms. */
  startedAt: number;
  /** Leaf signature → its state; shared by milestones whose rules read the same events the same way. */
  leaves: Record<string, LeafState>;
  /** Milestone id → when it was achieved. Permanent. */
  achieved: Record<string, number>;
  /** Level id → when it was first complete; a level stays complete when milestones are added to it. */
  done?: Record<string, number>;
  /** Milestone ids whose `stalled` (overdue) already fired. */
  stalled: Record<string, 1>;
  /** Time of the latest achievement. */
  last?: number;
  /** Start of the quiet period whose `stalled` already fired. */
  quiet?: number;
  traits: Properties;
  accountId?: string;
  /** Per tab: the number of the last batch of that tab's shared events this document includes. */
  seen?: Record<string, number>;
}

/**
 * A fresh document for a user first seen at `now`.
 *
 * @example
 * const doc = createUserDoc(Date.now());
 */
export function createUserDoc(now: number, traits: Properties = {}): UserDoc {
  return { v: SCHEMA_VERSION, startedAt: now, leaves: {}, achieved: {}, stalled: {}, traits };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Checks a stored document. Returns it when usable, `undefined` when absent, or an `Error`
 * naming why it was discarded (another schema version, or corrupt data).
 *
 * @example
 * const doc = readUserDoc(await storage.get(key));
 */
export function readUserDoc(raw: unknown): UserDoc | Error | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) return Error('stored state is not an object');
  // Version 1 is the first shape; a newer one was written by a newer waymark and can't be read safely.
  if (raw.v !== SCHEMA_VERSION)
    return Error(`stored state has schema version ${String(raw.v)}, expected ${SCHEMA_VERSION}`);
  if (typeof raw.startedAt !== 'number' || !isObject(raw.leaves) || !isObject(raw.achieved))
    return Error('stored state is corrupt');
  const leaves = raw.leaves;
  for (const k in leaves) {
    const leaf = leaves[k];
    if (!isObject(leaf) || typeof leaf.n !== 'number') delete leaves[k];
  }
  const achieved = raw.achieved;
  for (const k in achieved) if (typeof achieved[k] !== 'number') delete achieved[k];
  raw.stalled = isObject(raw.stalled) ? raw.stalled : {};
  raw.done = isObject(raw.done) ? raw.done : {};
  raw.traits = isObject(raw.traits) ? raw.traits : {};
  raw.seen = isObject(raw.seen) ? raw.seen : {};
  return raw as unknown as UserDoc;
}

/** Tabs a document remembers batch numbers of; the oldest are forgotten first. */
const SEEN_TABS = 20;

/**
 * Records in `doc` that it includes batch `batch` of tab `tab`, forgetting the oldest tabs beyond 20.
 *
 * @example
 * markSeen(doc, 'tab-1', 3); // doc.seen['tab-1'] === 3
 */
export function markSeen(doc: UserDoc, tab: string, batch: number): void {
  doc.seen ||= {};
  const seen = doc.seen;
  delete seen[tab];
  seen[tab] = batch;
  // The oldest go first: keys keep their insertion order.
  const tabs = Object.keys(seen);
  for (const old of tabs.slice(0, Math.max(0, tabs.length - SEEN_TABS))) delete seen[old];
}

/**
 * Copies into `into` what is permanent in `from`: achievements (the earlier time wins), completed levels and
 * `stalled` already fired.
 *
 * @example
 * keepMarks(adoptedDoc, previousDoc);
 */
export function keepMarks(into: UserDoc, from: UserDoc): UserDoc {
  for (const id in from.achieved) into.achieved[id] = Math.min(into.achieved[id] ?? Infinity, from.achieved[id]);
  Object.assign(into.stalled, from.stalled);
  into.done = { ...from.done, ...into.done };
  if (from.last !== undefined) into.last = Math.max(into.last ?? 0, from.last);
  return into;
}

/**
 * Folds `from` (an anonymous user's progress) into `into` (the identified user's): counts and sums add up,
 * distinct values and achievements unite, the earlier start wins.
 *
 * @example
 * mergeUserDocs(userDoc, anonymousDoc);
 */
export function mergeUserDocs(into: UserDoc, from: UserDoc): UserDoc {
  into.startedAt = Math.min(into.startedAt, from.startedAt);
  keepMarks(into, from);
  for (const t in from.seen) {
    into.seen ||= {};
    into.seen[t] = Math.max(into.seen[t] ?? -1, from.seen[t]);
  }
  for (const key in from.leaves) {
    const a = into.leaves[key];
    const b = from.leaves[key];
    if (!a) into.leaves[key] = b;
    else if (b.d !== undefined) {
      // Streaks: keep the run that ends later; the longest run ever stays known.
      if (a.d === undefined || b.d > a.d || (b.d === a.d && b.n > a.n)) {
        a.d = b.d;
        a.n = b.n;
      }
      a.best = Math.max(a.best || 0, b.best || 0);
    } else if (b.v) {
      a.v ||= {};
      for (const k in b.v) a.v[k] = Math.max(a.v[k] ?? 0, b.v[k]);
      a.n = Object.keys(a.v).length;
    } else {
      a.n += b.n;
      if (b.b) {
        a.b ||= {};
        for (const k in b.b) a.b[k] = (a.b[k] || 0) + b.b[k];
      }
    }
  }
  return into;
}
