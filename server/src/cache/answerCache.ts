import { DAY, MINUTE } from '../timeUnits';

/** How long a large answer is reused as it is, in ms of real (monotonic) time, whatever clock the server was given. */
export const REUSE_FOR = MINUTE;
/**
 * How long after that a large answer is still served at once while a new one is computed beside it: someone opening a
 * dashboard gets the answer of a few minutes ago (which says its own time) rather than waiting seconds for a new one.
 */
export const SERVE_FOR = 15 * MINUTE;
/** How often a server recomputes its warm answers (`keepAnswersWarm`): well within `SERVE_FOR`. */
export const WARM_EVERY = 4 * MINUTE;
/** How long a warm answer is kept fresh by `keepAnswersWarm` after it was last asked for. */
export const WARM_FOR = DAY;
/** Users an answer covers from which it is worth reusing: reading them and their achievements takes seconds at 100,000. */
export const LARGE_USERS = 5_000;
const MAX_ENTRIES = 500;

interface Entry {
  answer: Promise<unknown>;
  /** When the answer was complete; undefined while it is first computed. */
  doneAt?: number;
  /** When it was last asked for. */
  askedAt: number;
  keep: boolean;
  warm: boolean;
  compute: () => Promise<unknown>;
  isLarge: (answer: never) => boolean;
  /** A new answer being computed while this one is served. */
  refreshing?: Promise<void>;
}

/** Reuses answers that took a large scan, by key. */
export type AnswerCache = <T>(
  key: string,
  compute: () => Promise<T>,
  isLarge: (answer: T) => boolean,
  options?: { warm?: boolean },
) => Promise<T>;

interface Store {
  cache: AnswerCache;
  entries: Map<string, Entry>;
  refresh: (key: string, entry: Entry) => Promise<void>;
}

const stores = new WeakMap<object, Store>();

function createStore(): Store {
  const entries = new Map<string, Entry>();
  const age = (entry: Entry, now: number) => (entry.doneAt === undefined ? 0 : now - entry.doneAt);
  const usable = (entry: Entry, now: number) =>
    entry.doneAt === undefined || (entry.keep && age(entry, now) < REUSE_FOR + SERVE_FOR);
  const prune = (now: number) => {
    for (const [key, entry] of entries) if (!usable(entry, now)) entries.delete(key);
    while (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  };
  // A new answer replaces the served one when it is complete; a failure leaves the served one in place.
  const refresh = (key: string, entry: Entry) => {
    entry.refreshing ??= entry.compute().then(
      (answer) => {
        entry.refreshing = undefined;
        if (entries.get(key) !== entry) return;
        if (!(entry.isLarge as (a: unknown) => boolean)(answer)) {
          entries.delete(key);
          return;
        }
        entry.answer = Promise.resolve(answer);
        entry.doneAt = performance.now();
      },
      () => {
        entry.refreshing = undefined;
      },
    );
    return entry.refreshing;
  };
  const cache: AnswerCache = (key, compute, isLarge, options = {}) => {
    const now = performance.now();
    const entry = entries.get(key);
    if (entry && usable(entry, now)) {
      entry.askedAt = now;
      if (age(entry, now) >= REUSE_FOR) void refresh(key, entry);
      return entry.answer as Promise<never>;
    }
    prune(now);
    const created: Entry = {
      answer: Promise.resolve(),
      askedAt: now,
      keep: false,
      warm: options.warm ?? false,
      compute,
      isLarge,
    };
    created.answer = compute().then(
      (answer) => {
        created.doneAt = performance.now();
        created.keep = isLarge(answer);
        if (!created.keep && entries.get(key) === created) entries.delete(key);
        return answer;
      },
      (error) => {
        if (entries.get(key) === created) entries.delete(key);
        throw error;
      },
    );
    entries.set(key, created);
    return created.answer as Promise<never>;
  };
  return { cache, entries, refresh };
}

/**
 * The answer cache of one server (keyed by its context): requests for the same key while it is computed share one
 * computation, and an answer that `isLarge` calls large (one that scanned tens of thousands of rows) is reused as it
 * is for `REUSE_FOR`, then served for `SERVE_FOR` more while a new one is computed beside it (stale while
 * revalidating). Small answers are never kept, so a small project always sees its latest data, and tests see no
 * cache. Failures are never kept; a failed recomputation leaves the served answer in place. Answers asked for with
 * `warm` are also recomputed ahead of time by `keepAnswersWarm` while someone asks for them. Dashboards and their APIs
 * over 100,000 users cost seconds per read; a few minutes' old answer (which says its own `to`) is what every analytics
 * product shows at that size.
 *
 * @example
 * const accounts = await answerCache(ctx)(`accounts:${projectKey}`, () => loadAccounts(ctx, projectKey), (list) => list.length >= 1000);
 */
export function answerCache(owner: object): AnswerCache {
  let store = stores.get(owner);
  if (!store) {
    store = createStore();
    stores.set(owner, store);
  }
  return store.cache;
}

/**
 * Recomputes, one after another, the warm answers of `owner`'s cache that were asked for within `WARM_FOR` and are
 * older than `REUSE_FOR`, and drops the warm ones nobody asked for since. Run on a timer shorter than `SERVE_FOR`, it
 * keeps a large project's dashboard answered at once, also the first time in the morning. Answers how many it
 * recomputed; never rejects.
 *
 * @example
 * setInterval(() => keepAnswersWarm(ctx), 4 * MINUTE).unref();
 */
export async function keepAnswersWarm(owner: object): Promise<number> {
  const store = stores.get(owner);
  if (!store) return 0;
  let recomputed = 0;
  for (const [key, entry] of [...store.entries]) {
    const now = performance.now();
    if (!entry.warm || !entry.keep || entry.doneAt === undefined) continue;
    if (now - entry.askedAt >= WARM_FOR) {
      store.entries.delete(key);
      continue;
    }
    if (now - entry.doneAt < REUSE_FOR) continue;
    await store.refresh(key, entry);
    recomputed++;
  }
  return recomputed;
}
