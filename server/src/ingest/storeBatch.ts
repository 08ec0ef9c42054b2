import type { Database } from '../db/types';
import type { AuthorizedEvent } from './authorizeBatch';

/**
 * Stores a batch in one statement (so atomically, without a transaction's round trips): the new events (an id seen
 * before is a duplicate) and a verification job for each subject they concern (the user or anonymous device, and the
 * account when it counts). A crash after the answer loses neither the events nor the work. Rows are written in a
 * fixed order (events by id, jobs by key), so concurrent batches with the same events never deadlock.
 *
 * @example
 * const { accepted, duplicates, subjects } = await storeBatch(db, 'pk_demo', events, Date.now());
 */
export async function storeBatch(db: Database, projectKey: string, events: AuthorizedEvent[], receivedAt: number) {
  if (!events.length) return { accepted: 0, duplicates: 0, jobs: 0 };
  const rows = [...events]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((e) => ({
      id: e.id,
      type: e.type,
      name: e.name ?? null,
      properties: e.properties ?? null,
      user_id: e.userId ?? null,
      anonymous_id: e.anonymousId,
      account_id: e.accountId ?? null,
      ts: new Date(e.timestamp).toISOString(),
      verified: e.verified,
      account_trusted: e.accountTrusted,
    }));
  const [result] = await db.query(
    `with stored as (
       insert into waymark_events (project_key, id, type, name, properties, user_id, anonymous_id, account_id, ts, received_at, verified, account_trusted)
       select $1, e.id, e.type, e.name, e.properties, e.user_id, e.anonymous_id, e.account_id, e.ts, $3::timestamptz, e.verified, e.account_trusted
       from jsonb_to_recordset($2::jsonb) as e(id text, type text, name text, properties jsonb, user_id text,
         anonymous_id text, account_id text, ts timestamptz, verified boolean, account_trusted boolean)
       order by e.id
       on conflict (project_key, id) do nothing
       returning user_id, anonymous_id, account_id, account_trusted
     ), subjects as (
       select coalesce('u:' || user_id, 'a:' || anonymous_id) as subject from stored
       union
       select 'c:' || account_id from stored where account_id is not null and account_trusted
     ), jobs as (
       insert into waymark_jobs (project_key, kind, key, run_at)
       select $1, 'verify', subject, now() from subjects order by subject
       -- A job already waiting will see these events; one running is asked to run once more. No write otherwise.
       on conflict (project_key, kind, key) do update set dirty = true where waymark_jobs.locked_by is not null
       returning 1
     )
     select (select count(*)::int from stored) as accepted, (select count(*)::int from jobs) as jobs`,
    [projectKey, JSON.stringify(rows), new Date(receivedAt).toISOString()],
  );
  return { accepted: result.accepted as number, duplicates: events.length - result.accepted };
}
