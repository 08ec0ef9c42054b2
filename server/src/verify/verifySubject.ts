import { createUserDoc, mergeUserDocs, readUserDoc, type UserDoc } from 'waymark/engine';
import type { DefinitionStore } from '../definitions/createDefinitionStore';
import type { Query } from '../db/types';
import type { Database } from '../db/types';
import type { Queue } from '../queue/createQueue';
import { clampTime } from './clampTime';
import type { Engines } from './createEngines';
import { accountSubject, anonymousSubject, kindOf, type SubjectKind } from './subjects';

/** What one verification run found, for what comes after (triggers, webhooks, email). */
export interface Verified {
  projectKey: string;
  subject: string;
  kind: SubjectKind;
  definitionsVersion: number;
  /** Milestones newly achieved, with when (epoch ms). */
  achieved: { id: string; at: number }[];
  /** Levels newly complete. */
  levels: { id: string; at: number }[];
  /** Milestones newly overdue. */
  overdue: string[];
}

export interface VerifyContext {
  db: Database;
  queue: Queue;
  definitions: DefinitionStore;
  engines: Engines;
  now: () => number;
  /** Runs inside the verification's transaction, so what it enqueues is stored with the achievement or not at all. */
  afterVerify?: (query: Query, verified: Verified) => Promise<void>;
}

const CHUNK = 500;
const DAY = 864e5;
const MAX_BENCHMARK_DAY = 365;

interface EventRow {
  seq: string;
  type: string;
  name: string | null;
  properties: Record<string, any> | null;
  anonymous_id: string;
  account_id: string | null;
  account_trusted: boolean;
  verified: boolean;
  ts: Date;
  received_at: Date;
}

const time = (d: Date | string) => new Date(d).getTime();
const iso = (t: number) => new Date(t).toISOString();

/** Takes over the anonymous devices a user identified on in these events: their state merges into the user's. */
async function adoptDevices(query: Query, projectKey: string, user: string, events: EventRow[]) {
  const ids = [...new Set(events.filter((e) => e.type === 'identify').map((e) => e.anonymous_id))].sort();
  const docs: UserDoc[] = [];
  let moved = false;
  for (const id of ids) {
    const subject = anonymousSubject(id);
    const [row] = await query(`select doc, merged_into from waymark_subjects where project_key = $1 and subject = $2 for update`, [projectKey, subject]);
    if (row?.merged_into) continue;
    const first = events.find((e) => e.anonymous_id === id)!;
    if (row) {
      const doc = readUserDoc(row.doc);
      if (doc && !(doc instanceof Error)) docs.push(doc);
      await query(`update waymark_subjects set merged_into = $3, doc = null where project_key = $1 and subject = $2`, [projectKey, subject, user]);
      await query(`delete from waymark_achievements where project_key = $1 and subject = $2`, [projectKey, subject]);
    } else
      await query(
        `insert into waymark_subjects (project_key, subject, kind, started_at, last_event_at, merged_into) values ($1, $2, 'anonymous', $3, $3, $4)`,
        [projectKey, subject, first.received_at, user],
      );
    // The device's events not yet applied follow it to the user.
    const rows = await query(`update waymark_pending set subject = $3 where project_key = $1 and subject = $2 returning seq`, [projectKey, subject, user]);
    if (rows.length) moved = true;
  }
  return { docs, moved };
}

/**
 * Verification, incremental: applies a subject's events not yet applied (at most 500 per run) to its stored engine
 * state, with the same engine the browser runs, and records what that achieves. A subject's cost per run depends on
 * the new events, never on its history. With `evaluate`, it runs without new events too (definitions changed). Client `achieved` events are claims: counted, never recorded. Timestamps are
 * clamped (see clampTime). Answers how many events it applied, and whether more is waiting (the job then runs again).
 *
 * @example
 * const { more, applied } = await verifySubject(ctx, 'pk_demo', 'u:42');
 */
export async function verifySubject(
  ctx: VerifyContext,
  projectKey: string,
  subject: string,
  options: { evaluate?: boolean } = {},
): Promise<{ more: boolean; applied: number }> {
  // Read before the transaction: on PGlite (one connection) a query outside it, inside it, would wait forever.
  const definitions = await ctx.definitions.current(projectKey);
  return ctx.db.transaction(async (query) => {
    const [row] = await query(`select * from waymark_subjects where project_key = $1 and subject = $2 for update`, [projectKey, subject]);
    if (row?.merged_into) {
      await query(`update waymark_pending set subject = $3 where project_key = $1 and subject = $2`, [projectKey, subject, row.merged_into]);
      await ctx.queue.enqueue({ query }, projectKey, 'verify', [row.merged_into]);
      return { more: false, applied: 0 };
    }
    const events = await query<EventRow>(
      `select e.seq, e.type, e.name, e.properties, e.anonymous_id, e.account_id, e.account_trusted, e.verified, e.ts, e.received_at
       from waymark_pending p join waymark_events e on e.seq = p.seq
       where p.project_key = $1 and p.subject = $2 order by p.seq limit ${CHUNK}`,
      [projectKey, subject],
    );
    // With `evaluate` (definitions changed), the stored state is evaluated again even without new events.
    if (!events.length && !(options.evaluate && row?.doc)) return { more: false, applied: 0 };
    const kind = kindOf(subject);
    const firstSeen = events.length ? Math.min(...events.map((e) => time(e.received_at))) : ctx.now();
    const startedAt = row ? time(row.started_at) : firstSeen;
    const stored = row?.doc ? readUserDoc(row.doc) : undefined;
    const doc = stored && !(stored instanceof Error) ? stored : createUserDoc(startedAt);
    doc.startedAt = Math.min(doc.startedAt, startedAt);

    // Achievements the adopted devices bring are new to the user: compared with what the user had before.
    const achievedBefore = new Set(Object.keys(doc.achieved));
    const doneBefore = new Set(Object.keys(doc.done ?? {}));
    const stalledBefore = new Set(Object.keys(doc.stalled));
    const adopted = kind === 'user' ? await adoptDevices(query, projectKey, subject, events) : { docs: [], moved: false };
    for (const other of adopted.docs) mergeUserDocs(doc, other);
    const accountId: string | null = row?.account_id ?? null;
    const accountAchieved: Record<string, number> = {};
    if (kind === 'user' && accountId)
      for (const a of await query(`select milestone_id, achieved_at from waymark_achievements where project_key = $1 and subject = $2`, [
        projectKey,
        accountSubject(accountId),
      ]))
        accountAchieved[a.milestone_id] = time(a.achieved_at);

    // From here to the writes, everything is synchronous: the shared engine serves this subject alone.
    const { engine, clock, own } = ctx.engines.get(projectKey, definitions, kind);
    const sorted = [...events].sort((a, b) => time(a.ts) - time(b.ts) || Number(a.seq) - Number(b.seq));
    let clamped = 0;
    let verified = 0;
    let account = accountId;
    const claims = new Set<string>();
    clock.now = sorted.length ? clampTime(time(sorted[0].ts), doc.startedAt, time(sorted[0].received_at)).at : ctx.now();
    engine.load(doc);
    if (Object.keys(accountAchieved).length) engine.mergeAchieved(accountAchieved);
    for (const e of sorted) {
      const t = clampTime(time(e.ts), doc.startedAt, time(e.received_at));
      if (t.clamped) clamped++;
      if (e.verified) verified++;
      clock.now = Math.max(clock.now, t.at);
      // Every event carries the account the client was in (group() sets it): the latest trusted one is the user's.
      if (kind === 'user' && e.account_trusted && e.account_id && e.account_id !== account) {
        // The engine keeps the account with the user's state; it has no operation for it yet (issue 15).
        doc.accountId = e.account_id;
        account = e.account_id;
      }
      if (e.type === 'track' && e.name) engine.track(e.name, e.properties ?? {}, t.at);
      else if (e.type === 'identify' && kind !== 'account' && e.properties) engine.setTraits(e.properties);
      else if (e.type === 'group' && kind === 'account' && e.properties) engine.setTraits(e.properties);
      else if (e.type === 'achieved' && e.name) claims.add(e.name);
    }
    const newly = Object.keys(doc.achieved)
      .filter((id) => !achievedBefore.has(id) && own.has(id))
      .map((id) => ({ id, at: doc.achieved[id] }));
    const levels = Object.keys(doc.done ?? {})
      .filter((id) => !doneBefore.has(id))
      .map((id) => ({ id, at: doc.done![id] }));
    const overdue = Object.keys(doc.stalled).filter((id) => !stalledBefore.has(id));
    const unconfirmed = [...claims].filter((id) => !(id in doc.achieved)).length;
    const lastEvent = Math.max(...events.map((e) => time(e.received_at)), row ? time(row.last_event_at) : 0);

    await query(
      `insert into waymark_subjects (project_key, subject, kind, doc, started_at, last_event_at, account_id, events, verified_events, clamped, claims_unconfirmed)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       on conflict (project_key, subject) do update set doc = excluded.doc, started_at = excluded.started_at,
         last_event_at = excluded.last_event_at, account_id = excluded.account_id,
         events = waymark_subjects.events + excluded.events, verified_events = waymark_subjects.verified_events + excluded.verified_events,
         clamped = waymark_subjects.clamped + excluded.clamped, claims_unconfirmed = waymark_subjects.claims_unconfirmed + excluded.claims_unconfirmed`,
      [projectKey, subject, kind, JSON.stringify(doc), iso(doc.startedAt), iso(lastEvent), account, events.length, verified, clamped, unconfirmed],
    );
    const benchmarked = kind !== 'anonymous';
    if (!row && benchmarked)
      await query(
        `insert into waymark_start_days (project_key, kind, day, n) values ($1, $2, $3, 1)
         on conflict (project_key, kind, day) do update set n = waymark_start_days.n + 1`,
        [projectKey, kind, Math.floor(doc.startedAt / DAY)],
      );
    if (newly.length) {
      await query(
        `insert into waymark_achievements (project_key, subject, milestone_id, achieved_at, definitions_version, recorded_at)
         select $1, $2, a.id, a.at::timestamptz, $4, $5 from jsonb_to_recordset($3::jsonb) as a(id text, at text)
         on conflict do nothing`,
        [projectKey, subject, JSON.stringify(newly.map((a) => ({ id: a.id, at: iso(a.at) }))), definitions.version, iso(ctx.now())],
      );
      if (benchmarked)
        await query(
          `insert into waymark_benchmark_days (project_key, milestone_id, day, n)
           select $1, b.id, b.day, 1 from jsonb_to_recordset($2::jsonb) as b(id text, day int) order by b.id
           on conflict (project_key, milestone_id, day) do update set n = waymark_benchmark_days.n + 1`,
          [projectKey, JSON.stringify(newly.map((a) => ({ id: a.id, day: Math.min(MAX_BENCHMARK_DAY, Math.floor(Math.max(0, a.at - doc.startedAt) / DAY)) })))],
        );
    }
    await query(`delete from waymark_pending where project_key = $1 and subject = $2 and seq = any($3::bigint[])`, [
      projectKey,
      subject,
      events.map((e) => e.seq),
    ]);
    if (ctx.afterVerify && (newly.length || levels.length || overdue.length))
      await ctx.afterVerify(query, { projectKey, subject, kind, definitionsVersion: definitions.version, achieved: newly, levels, overdue });
    return { more: events.length === CHUNK || adopted.moved, applied: events.length };
  });
}
