import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepStatistics } from '../src/db/keepStatistics';
import { openDatabase } from '../src/db/openDatabase';
import type { Database } from '../src/db/types';

// PGlite has no autovacuum: without this, a table is never analyzed and the planner takes 10,000 rows for one.
describe('keepStatistics (PGlite)', () => {
  let db: Database | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await db?.close();
    db = undefined;
  });

  const rowsBelieved = async () =>
    Number((await db!.query(`select reltuples from pg_class where relname = 'facts'`, []))[0].reltuples);
  /** Waits (on real timeouts; only intervals are faked) until the planner believes `n` rows. */
  const believes = async (n: number) => {
    for (let i = 0; i < 200 && (await rowsBelieved()) !== n; i++) await new Promise((r) => setTimeout(r, 10));
    return rowsBelieved();
  };

  it('analyzes at start and again on its timer, so the planner sees the rows that arrived', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    db = await openDatabase({ dataDir: ':memory:', schema: 'public', statementTimeout: 10_000 });
    await db.query('create table facts (n int)', []);
    await db.query('insert into facts select generate_series(1, 2000)', []);
    expect(await rowsBelieved()).toBe(-1); // never analyzed
    const errors: unknown[] = [];
    const stop = keepStatistics(db, (error) => errors.push(error), 1000);
    expect(await believes(2000)).toBe(2000);
    await db.query('insert into facts select generate_series(1, 3000)', []);
    vi.advanceTimersByTime(1000);
    expect(await believes(5000)).toBe(5000);
    await stop();
    await db.query('insert into facts select generate_series(1, 1000)', []);
    vi.advanceTimersByTime(5000);
    await new Promise((r) => setTimeout(r, 300)); // long enough for an analyze to have run, were one started
    expect(await rowsBelieved()).toBe(5000); // stopped
    expect(errors).toEqual([]);
  }, 30_000); // PGlite's start, on a loaded machine

  it('does nothing on PostgreSQL, whose autovacuum keeps them', async () => {
    const queries: string[] = [];
    const query = async (sql: string) => {
      queries.push(sql);
      return [];
    };
    const fake = { kind: 'postgres', query } as unknown as Database;
    await keepStatistics(fake, () => {})();
    expect(queries).toEqual([]);
  });
});
