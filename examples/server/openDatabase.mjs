// The reference backend's storage: real PostgreSQL through DATABASE_URL (node-postgres), else an
// embedded PGlite (PostgreSQL compiled to WebAssembly). Same schema, same SQL, one small interface.

const SCHEMA = `
create table if not exists waymark_events (
  project_key  text not null,
  id           text not null,
  type         text not null,
  name         text,
  properties   jsonb,
  user_id      text,
  anonymous_id text not null,
  account_id   text,
  ts           timestamptz not null,
  received_at  timestamptz not null default now(),
  primary key (project_key, id)
);
create index if not exists waymark_events_user on waymark_events (project_key, user_id, ts);
create index if not exists waymark_events_anonymous on waymark_events (project_key, anonymous_id, ts);
create index if not exists waymark_events_account on waymark_events (project_key, account_id, ts);
-- Recomputed by the server: subject is 'u:<userId>', 'a:<anonymousId>' or 'acct:<accountId>'.
create table if not exists waymark_achievements (
  project_key  text not null,
  subject      text not null,
  milestone_id text not null,
  achieved_at  timestamptz not null,
  primary key (project_key, subject, milestone_id)
);`;

/**
 * @typedef {(sql: string, params?: unknown[]) => Promise<any[]>} Query
 * @typedef {{ kind: 'postgres' | 'pglite', query: Query, transaction: <T>(fn: (query: Query) => Promise<T>) => Promise<T>, close: () => Promise<void> }} Database
 */

/**
 * Opens the database and creates the tables if needed.
 *
 * @example
 * const db = await openDatabase({ url: process.env.DATABASE_URL, dataDir: './data' });
 * const rows = await db.query('select count(*)::int as n from waymark_events');
 *
 * @param {{ url?: string, dataDir?: string }} options `url`: a postgres:// URL; else PGlite in `dataDir` (in memory without one)
 * @returns {Promise<Database>}
 */
export async function openDatabase({ url, dataDir } = {}) {
  /** @type {Database} */
  let db;
  if (url) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    pool.on('error', (error) => console.error('[waymark-server] idle connection error:', error.message));
    db = {
      kind: 'postgres',
      query: async (sql, params) => (await pool.query(sql, params)).rows,
      async transaction(fn) {
        const client = await pool.connect();
        try {
          await client.query('begin');
          const result = await fn(async (sql, params) => (await client.query(sql, params)).rows);
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const lite = new PGlite(dataDir);
    await lite.waitReady;
    db = {
      kind: 'pglite',
      query: async (sql, params) => (await lite.query(sql, params)).rows,
      transaction: (fn) => lite.transaction((tx) => fn(async (sql, params) => (await tx.query(sql, params)).rows)),
      close: () => lite.close(),
    };
  }
  // Several servers may start at once against one PostgreSQL: create the tables under a lock.
  await db.transaction(async (query) => {
    await query('select pg_advisory_xact_lock(7261)');
    for (const statement of SCHEMA.split(';')) if (statement.trim()) await query(statement);
  });
  return db;
}
