/** A per-key load kept for a while: `get` answers the kept promise or starts a new load; `forget` drops one key. */
export interface Kept<T> {
  get(key: string): Promise<T>;
  forget(key: string): void;
}

/**
 * Keeps what `load` answered for each key for `ms` of wall-clock time, so reads in a burst share one load; a failed load
 * is never kept. For small per-project data (definitions, benchmarks, pace) that writes `forget` when they change.
 *
 * @example
 * const definitions = keptFor(2_000, (projectKey) => loadDefinitions(db, projectKey));
 * await definitions.get('pk_demo');
 */
export function keptFor<T>(ms: number, load: (key: string) => Promise<T>): Kept<T> {
  const kept = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key) {
      const hit = kept.get(key);
      if (hit && Date.now() - hit.at < ms) return hit.value;
      const value = load(key);
      const entry = { at: Date.now(), value };
      kept.set(key, entry);
      value.catch(() => {
        if (kept.get(key) === entry) kept.delete(key);
      });
      return value;
    },
    forget(key) {
      kept.delete(key);
    },
  };
}
