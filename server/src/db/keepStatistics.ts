import { SECOND } from '../timeUnits';
import type { Database } from './types';

/** How often the embedded database is asked whether a table changed enough to be analyzed again. */
export const STATISTICS_EVERY = 30 * SECOND;

// Autovacuum's own rule, with its defaults (autovacuum_analyze_threshold 50, autovacuum_analyze_scale_factor 0.1): a
// table is analyzed again once more rows changed since its last analyze than 50 plus a tenth of those it had then.
// PGlite's single backend flushes its counters only when forced: hence the flush before each look.
const STALE_TABLES = `select format('%I.%I', s.schemaname, s.relname) as name
  from pg_stat_user_tables s join pg_class c on c.oid = s.relid
  where s.schemaname = any (current_schemas(false)) and s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)`;

/**
 * Keeps the embedded database's planner statistics: PGlite runs PostgreSQL as a single backend with no autovacuum, so
 * its tables are never analyzed by themselves, and a planner that believes a table of 10,000 users holds one row picks
 * nested loops that took the dashboard's overview 291 s instead of 0.3 s. So `analyze` runs at start (after the
 * migrations), and then every `everyMs` the tables that changed by autovacuum's measure since are analyzed again: a
 * server that fills up in its first minutes (an import, the demo's seed) is planned for its rows within `everyMs`,
 * and one whose data barely moves is not analyzed for nothing. An analyze samples at most 30,000 rows a table, so its
 * cost does not grow with the data. PostgreSQL's own autovacuum does this there: nothing runs for it. Answers a
 * function that stops the timer and waits for a run in progress (before the database closes).
 *
 * @example
 * const stop = keepStatistics(db, (error) => log.warn({ err: error }, 'analyze failed'));
 * await stop();
 */
export function keepStatistics(db: Database, onError: (error: unknown) => void, everyMs = STATISTICS_EVERY) {
  if (db.kind !== 'pglite') return () => {};
  let running: Promise<void> | undefined;
  const run = (task: () => Promise<unknown>) => {
    running ??= task()
      .then(
        () => {},
        (error) => onError(error),
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  // Counts still held by the backend would reach the table's after an analyze, as changes since it.
  const flushCounts = () => db.query('select pg_stat_force_next_flush()', []).then(() => db.query('select 1', []));
  const analyzeChanged = async () => {
    await flushCounts();
    const stale = await db.query<{ name: string }>(STALE_TABLES, []);
    if (stale.length) await db.query(`analyze ${stale.map((t) => t.name).join(', ')}`, []);
  };
  void run(() => flushCounts().then(() => db.query('analyze', [])));
  const timer = setInterval(() => void run(analyzeChanged), everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
