import { MINUTE } from '../timeUnits';
import type { Database } from './types';

/** How often the embedded database's planner statistics are refreshed. */
export const STATISTICS_EVERY = 10 * MINUTE;

/**
 * Keeps the embedded database's planner statistics: PGlite runs PostgreSQL as a single backend with no autovacuum, so
 * its tables are never analyzed by themselves, and a planner that believes a table of 10,000 users holds one row picks
 * nested loops that took the dashboard's overview 291 s instead of 0.3 s. So `analyze` runs at start (after the
 * migrations) and every `everyMs`; it samples at most 30,000 rows a table, so its cost does not grow with the data.
 * PostgreSQL's own autovacuum does this there: nothing runs for it. Answers a function that stops the timer and waits
 * for a run in progress (before the database closes).
 *
 * @example
 * const stop = keepStatistics(db, (error) => log.warn({ err: error }, 'analyze failed'));
 * await stop();
 */
export function keepStatistics(db: Database, onError: (error: unknown) => void, everyMs = STATISTICS_EVERY) {
  if (db.kind !== 'pglite') return () => {};
  let running: Promise<void> | undefined;
  const analyze = () => {
    running ??= db
      .query('analyze', [])
      .then(
        () => {},
        (error) => onError(error),
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  void analyze();
  const timer = setInterval(analyze, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
