import type { Database } from '../db/types';
import type { Queue } from '../queue/createQueue';
import type { AuthorizedEvent } from './authorizeBatch';

/**
 * Stores a batch in one transaction: new events (an id seen before is a duplicate), a pending row for each subject
 * that must apply it (the user or anonymous device, and the account when it counts), and a verification job per
 * subject, so a crash after the answer loses neither the events nor the work. Rows are written in a fixed order
 * (events by id, jobs by key), so concurrent batches with the same events never deadlock.
 *
 * @example
 * const { accepted, duplicates, subjects } = await storeBatch(db, queue, 'pk_demo', events, Date.now());
 */
export async function storeBatch(db: Database, queue: Queue, projectKey: string, events: AuthorizedEvent[], receivedAt: number) {
  if (!events.length) return { accepted: 0, duplicates: 0, subjects: [] as string[] };
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
  return db.transaction(async (query) => {
    const [result] = await query(
      `with input as (
         select * from jsonb_to_recordset($2::jsonb) as e(id text, type text, name text, properties jsonb, user_id text,
           anonymous_id text, account_id text, ts timestamptz, verified boolean, account_trusted boolean)
       ), stored as (
         insert into waymark_events (project_key, id, type, name, properties, user_id, anonymous_id, account_id, ts, received_at, verified, account_trusted)
         select $1, id, type, name, properties, user_id, anonymous_id, account_id, ts, $3::timestamptz, verified, account_trusted
         from input order by id
         on conflict (project_key, id) do nothing
         returning seq, user_id, anonymous_id, account_id, account_trusted
       ), pending as (
         insert into waymark_pending (project_key, subject, seq)
         select $1, coalesce('u:' || user_id, 'a:' || anonymous_id), seq from stored
         union all
         select $1, 'c:' || account_id, seq from stored where account_id is not null and account_trusted
         returning subject
       )
       select (select count(*)::int from stored) as accepted,
              (select coalesce(array_agg(distinct subject), '{}') from pending) as subjects`,
      [projectKey, JSON.stringify(rows), new Date(receivedAt).toISOString()],
    );
    const subjects: string[] = result.subjects;
    await queue.enqueue({ query }, projectKey, 'verify', subjects);
    return { accepted: result.accepted as number, duplicates: events.length - result.accepted, subjects };
  });
}
