import { openPglite } from './openPglite';
import type { Database, Query } from './types';

export interface DatabaseOptions {
  /** A postgres:// URL; without it, PGlite in `dataDir`. */
  url?: string;
  dataDir: string;
  schema: string;
  /** PostgreSQL only: per statement, and for a lock wait (a third of it), ms. */
  statementTimeout: number;
  /** Told about errors of idle pool connections (never thrown). */
  onIdleError?: (error: Error) => void;
}

// Deadlock and serialization failure: the transaction did nothing and can simply run again.
const RETRYABLE = new Set(['40P01', '40001']);

const retrying = async <T>(run: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= 3 || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
      await new Promise((r) => setTimeout(r, 5 * attempt * Math.random()));
    }
  }
};

async function openPostgres(o: DatabaseOptions): Promise<Database> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: o.url,
    max: 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    statement_timeout: o.statementTimeout,
    lock_timeout: Math.ceil(o.statementTimeout / 3),
    idle_in_transaction_session_timeout: o.statementTimeout * 2,
    // JIT compiling the metrics' statements cost more than it saved (0.8 s of a 3.5 s read at 100,000 users). A random
    // page read costs what a sequential one does once the tables are cached or on SSD (the default, 4, models spinning
    // disks): at 4 the metrics hashed every achievement of the project instead of looking up the 8,000 users' own
    // (0.27 s against 0.13 s at 100,000 users); and the all-time metrics' hash fits in 32 MB instead of spilling to disk.
    options: `-c search_path=${o.schema} -c jit=off -c random_page_cost=1.1 -c work_mem=32MB`,
    application_name: 'waymark-server',
  });
  pool.on('error', (error) => o.onIdleError?.(error));
  const query: Query = async (sql, params) => (await pool.query(sql, params as unknown[])).rows;
  return {
    kind: 'postgres',
    query,
    transaction: (fn) =>
      retrying(async () => {
        const client = await pool.connect();
        try {
          await client.query('begin');
          const result = await fn(async (sql, params) => (await client.query(sql, params as unknown[])).rows);
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      }),
    close: () => pool.end(),
  };
}

async function openEmbedded(o: DatabaseOptions): Promise<Database> {
  const lite = await openPglite(o.dataDir);
  await lite.exec(
    `create schema if not exists ${o.schema}; set search_path to ${o.schema}; set random_page_cost = 1.1; set work_mem = '32MB'`,
  );
  return {
    kind: 'pglite',
    query: async <Row>(sql: string, params?: unknown[]) => (await lite.query<Row>(sql, params)).rows,
    transaction: (fn) =>
      lite.transaction((tx) =>
        fn(async <Row>(sql: string, params?: unknown[]) => (await tx.query<Row>(sql, params)).rows),
      ),
    close: () => lite.close(),
  };
}

/**
 * Opens the database: PostgreSQL through `url` (node-postgres, with statement, lock and connection timeouts), else an
 * embedded, durable PGlite in `dataDir`. Same SQL on both.
 *
 * @example
 * const db = await openDatabase({ url: process.env.DATABASE_URL, dataDir: './.waymark-data', schema: 'public', statementTimeout: 10_000 });
 * const [{ n }] = await db.query('select 1 as n');
 */
export function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options) : openEmbedded(options);
}
