/** How long a large answer is reused, in ms of real (monotonic) time, whatever clock the server was given. */
export const REUSE_FOR = 60_000;
/** Users an answer covers from which it is worth reusing: reading them and their achievements takes seconds at 100,000. */
export const LARGE_USERS = 5_000;
const MAX_ENTRIES = 500;

interface Entry {
  answer: Promise<unknown>;
  /** When the answer was complete; undefined while it is computed. */
  doneAt?: number;
  keep: boolean;
}

/** Reuses answers that took a large scan, by key. */
export type AnswerCache = <T>(key: string, compute: () => Promise<T>, isLarge: (answer: T) => boolean) => Promise<T>;

const caches = new WeakMap<object, AnswerCache>();

/**
 * The answer cache of one server (keyed by its context): requests for the same key while it is computed share one
 * computation, and an answer that `isLarge` calls large (one that scanned tens of thousands of rows) is reused for
 * `REUSE_FOR`. Small answers are never kept, so a small project always sees its latest data, and tests see no cache.
 * Failures are never kept. Dashboards and their APIs over 100,000 users cost seconds per read; a minute-old answer
 * (which says its own `to`) is what every analytics product shows at that size.
 *
 * @example
 * const accounts = await answerCache(ctx)(`accounts:${projectKey}`, () => loadAccounts(ctx, projectKey), (list) => list.length >= 1000);
 */
export function answerCache(owner: object): AnswerCache {
  const existing = caches.get(owner);
  if (existing) return existing;
  const entries = new Map<string, Entry>();
  const fresh = (entry: Entry, now: number) =>
    entry.doneAt === undefined || (entry.keep && now - entry.doneAt < REUSE_FOR);
  const prune = (now: number) => {
    for (const [key, entry] of entries) if (!fresh(entry, now)) entries.delete(key);
    while (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  };
  const cache: AnswerCache = <T>(key: string, compute: () => Promise<T>, isLarge: (answer: T) => boolean) => {
    const now = performance.now();
    const entry = entries.get(key);
    if (entry && fresh(entry, now)) return entry.answer as Promise<T>;
    prune(now);
    const created: Entry = { answer: Promise.resolve(), keep: false };
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
    return created.answer as Promise<T>;
  };
  caches.set(owner, cache);
  return cache;
}
