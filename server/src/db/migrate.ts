import { migrations as all, type Migration } from './migrations';
import type { Database } from './types';

// Any constant: every server process that starts takes the same lock, so only one migrates at a time.
const LOCK = 7261_2026;

/**
 * Brings the schema up to date: creates the schema, then applies each migration not yet recorded, in order, in one
 * transaction under an advisory lock (several servers may start at once against one PostgreSQL). A database written by
 * the old reference backend (examples/server) has its tables renamed to `*_v0`, kept, not read.
 * Answers the versions it applied.
 *
 * @example
 * await migrate(db, 'public'); // [1]
 */
export async function migrate(db: Database, schema: string, migrations: Migration[] = all): Promise<number[]> {
  return db.transaction(async (query) => {
    await query('select pg_advisory_xact_lock($1)', [LOCK]);
    await query(`create schema if not exists ${schema}`);
    await query(`create table if not exists ${schema}.waymark_migrations (
      version int primary key, name text not null, applied_at timestamptz not null default now())`);
    const done = new Set(
      (await query<{ version: number }>(`select version from ${schema}.waymark_migrations`)).map((r) => r.version),
    );
    if (!done.size) {
      const old = await query(
        `select 1 from information_schema.tables t where t.table_schema = $1 and t.table_name = 'waymark_events'
         and not exists (select 1 from information_schema.columns c where c.table_schema = $1 and c.table_name = 'waymark_events' and c.column_name = 'xid')`,
        [schema],
      );
      if (old.length) {
        await query(`alter table ${schema}.waymark_events rename to waymark_events_v0`);
        await query(`alter table if exists ${schema}.waymark_achievements rename to waymark_achievements_v0`);
        for (const index of ['waymark_events_user', 'waymark_events_anonymous', 'waymark_events_account'])
          await query(`alter index if exists ${schema}.${index} rename to ${index}_v0`);
      }
    }
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await query(`set local search_path to ${schema}`);
      for (const statement of m.sql.split(/;\s*\n/))
        if (statement.replace(/--.*$/gm, '').trim()) await query(statement);
      await query(`insert into ${schema}.waymark_migrations (version, name) values ($1, $2)`, [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
