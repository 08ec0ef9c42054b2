import type { JsonValue } from 'waymark/engine';
import type { Query } from '../db/types';
import { idOf, kindOf } from './subjects';

/** An event as verification reads it. */
export interface EventRow {
  id: string;
  xid: string;
  type: string;
  name: string | null;
  properties: Record<string, JsonValue> | null;
  anonymous_id: string;
  account_id: string | null;
  account_trusted: boolean;
  verified: boolean;
  ts: Date;
  received_at: Date;
}

/** Where a subject's events are: a user's own, a device's before it was identified, an account's trusted ones. */
const OWNER: Record<string, string> = {
  user: 'user_id = $2',
  anonymous: 'user_id is null and anonymous_id = $2',
  account: 'account_trusted and account_id = $2',
};

/**
 * The events of `source` after its cursor, in (transaction, id) order, at most `limit`. Only events of transactions
 * older than every transaction still running are taken (`pg_snapshot_xmin`): one still committing may hold events
 * that sort before those already visible, and a cursor moved past them would skip them. `waiting` says some were left
 * for that reason, `more` that the limit cut the list.
 *
 * @example
 * const { events, cursor } = await readNewEvents(query, 'pk_demo', 'u:42', ['0', ''], 500);
 */
export async function readNewEvents(
  query: Query,
  projectKey: string,
  source: string,
  cursor: [string, string],
  limit: number,
) {
  const rows = await query<EventRow & { safe: boolean }>(
    `select id, xid::text as xid, xid < pg_snapshot_xmin(pg_current_snapshot()) as safe, type, name, properties, anonymous_id,
       account_id, account_trusted, verified, ts, received_at
     from waymark_events where project_key = $1 and ${OWNER[kindOf(source)]} and (xid, id) > ($3::xid8, $4)
     order by xid, id limit ${limit + 1}`,
    [projectKey, idOf(source), cursor[0], cursor[1]],
  );
  const firstUnsafe = rows.findIndex((r) => !r.safe);
  const events = rows.slice(0, Math.min(limit, firstUnsafe < 0 ? rows.length : firstUnsafe));
  const last = events.at(-1);
  return {
    events,
    cursor: last ? ([last.xid, last.id] as [string, string]) : cursor,
    waiting: firstUnsafe >= 0 && firstUnsafe <= limit,
    more: rows.length > limit && events.length === limit,
  };
}
