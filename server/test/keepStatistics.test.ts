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

  /** Advances the check's interval once and waits for the check it starts (and any analyze) to finish. */
  const check = async (everyMs: number) => {
    vi.advanceTimersByTime(everyMs);
    await db!.query('select 1', []); // PGlite runs statements in order: this waits for the check's
  };

  it('analyzes at start, then each table changed enough by autovacuum’s rule, so the planner sees the rows that arrived', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    db = await openDatabase({ dataDir: ':memory:', schema: 'public', statementTimeout: 10_000 });
    await db.query('create table facts (n int)', []);
    await db.query('insert into facts select generate_series(1, 2000)', []);
    expect(await rowsBelieved()).toBe(-1); // never analyzed
    const errors: unknown[] = [];
    const stop = keepStatistics(db, (error) => errors.push(error), 1000);
    expect(await believes(2000)).toBe(2000);
    // 200 rows: fewer than 50 + 10% of 2,000, so not analyzed again (autovacuum would not either).
    await db.query('insert into facts select generate_series(1, 200)', []);
    await check(1000);
    await check(1000);
    expect(await rowsBelieved()).toBe(2000);
    // 300 more (500 since the analyze): now it is.
    await db.query('insert into facts select generate_series(1, 300)', []);
    await check(1000);
    expect(await believes(2500)).toBe(2500);
    await stop();
    await db.query('insert into facts select generate_series(1, 5000)', []);
    vi.advanceTimersByTime(5000);
    await new Promise((r) => setTimeout(r, 300)); // long enough for an analyze to have run, were one started
    expect(await rowsBelieved()).toBe(2500); // stopped
    expect(errors).toEqual([]);
  }, 30_000); // PGlite's start, on a loaded machine

  it('plans a table that filled after start for its rows at the next check, not ten minutes later', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    db = await openDatabase({ dataDir: ':memory:', schema: 'public', statementTimeout: 10_000 });
    await db.query('create table facts (n int)', []);
    const stop = keepStatistics(db, () => {}); // its own interval
    expect(await believes(0)).toBe(0); // analyzed empty, as a new server's tables are
    // As the demo's seed fills a new server: rows arrive in many small statements.
    for (let i = 0; i < 20; i++) await db.query(`insert into facts select generate_series(1, 500)`, []);
    await check(30_000); // half a minute: before, the next analyze came after ten
    expect(await believes(10_000)).toBe(10_000);
    await stop();
  }, 30_000);

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
