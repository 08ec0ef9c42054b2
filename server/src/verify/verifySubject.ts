import {
  createUserDoc,
  type MilestoneDefinition,
  mergeUserDocs,
  parseDuration,
  readUserDoc,
  type UserDoc,
} from 'waymark/engine';
import type { Database, Query } from '../db/types';
import type { DefinitionStore } from '../definitions/createDefinitionStore';
import type { Queue } from '../queue/createQueue';
import { DAY } from '../timeUnits';
import { clampTime } from './clampTime';
import type { Engines } from './createEngines';
import { type EventRow, readNewEvents } from './readNewEvents';
import { accountSubject, anonymousSubject, kindOf, type SubjectKind } from './subjects';
import { trustedTraits } from './trustedTraits';

/** What one verification run found, for what comes after (triggers, webhooks, email). */
export interface Verified {
  projectKey: string;
  subject: string;
  kind: SubjectKind;
  /** A user's account, when it is known. */
  accountId?: string;
  /** Present when this run changed the user's account (joined one, or moved): the one before, or null. */
  leftAccount?: string | null;
  /** The run's product time. */
  at: number;
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

/** How a run ended: events applied, and whether to run again now (`more`) or shortly (`waitMs`: a batch still committing). */
export interface VerifyResult {
  applied: number;
  more: boolean;
  waitMs?: number;
}

const CHUNK = 500;
const MAX_BENCHMARK_DAY = 365;
const NO_CURSOR: [string, string] = ['0', ''];

const time = (d: Date | string) => new Date(d).getTime();
const iso = (t: number) => new Date(t).toISOString();
const cursorOf = (row: { cursor_xid?: string | null; cursor_id?: string | null } | undefined): [string, string] =>
  row?.cursor_xid ? [String(row.cursor_xid), row.cursor_id ?? ''] : NO_CURSOR;

/**
 * When this subject must next be looked at without new events: the earliest due date still ahead of it (a milestone
 * not achieved, not yet overdue). The scheduled run evaluates the subjects whose time came, so a due date passes
 * even for a user who never comes back.
 */
const nextDeadline = (
  milestones: MilestoneDefinition[],
  doc: UserDoc,
  kind: SubjectKind,
  now: number,
): number | undefined => {
  let next: number | undefined;
  for (const m of milestones) {
    if (!m.due || (m.scope === 'account') !== (kind === 'account') || m.id in doc.achieved || doc.stalled[m.id])
      continue;
    const at = doc.startedAt + parseDuration(m.due)!;
    if (at > now && (next === undefined || at < next)) next = at;
  }
  return next;
};

/**
 * Takes over the anonymous devices a user identified on in these events: their state merges into the user's, and
 * from now on the user's runs read the devices' remaining events too. Answers the states they had, and how many.
 */
async function adoptDevices(query: Query, projectKey: string, user: string, events: EventRow[]) {
  const ids = [...new Set(events.filter((e) => e.type === 'identify').map((e) => e.anonymous_id))].sort();
  const docs: UserDoc[] = [];
  let adopted = 0;
  for (const id of ids) {
    const subject = anonymousSubject(id);
    const [row] = await query(
      `select doc, merged_into from waymark_subjects where project_key = $1 and subject = $2 for update`,
      [projectKey, subject],
    );
    if (row?.merged_into) continue;
    adopted++;
    if (row) {
      const doc = readUserDoc(row.doc);
      if (doc && !(doc instanceof Error)) docs.push(doc);
      await query(`update waymark_subjects set merged_into = $3, doc = null where project_key = $1 and subject = $2`, [
        projectKey,
        subject,
        user,
      ]);
      await query(`delete from waymark_achievements where project_key = $1 and subject = $2`, [projectKey, subject]);
    } else {
      const first = events.find((e) => e.anonymous_id === id)!;
      await query(
        `insert into waymark_subjects (project_key, subject, kind, started_at, last_event_at, merged_into) values ($1, $2, 'anonymous', $3, $3, $4)`,
        [projectKey, subject, first.received_at, user],
      );
    }
  }
  return { docs, adopted };
}

/**
 * Verification, incremental: applies a subject's events not yet applied (at most 500 per source per run) to its
 * stored engine state, with the same engine the browser runs, and records what that achieves. The cost of a run
 * depends on the new events, never on the subject's history. A user's run also reads the devices it adopted.
 * Client `achieved` events are claims: counted, never recorded. Timestamps are clamped (see clampTime). With
 * `evaluate`, it runs without new events too (definitions changed).
 *
 * @example
 * const { applied, more } = await verifySubject(ctx, 'pk_demo', 'u:42');
 */
export async function verifySubject(
  ctx: VerifyContext,
  projectKey: string,
  subject: string,
  options: { evaluate?: boolean } = {},
): Promise<VerifyResult> {
  // Read before the transaction: on PGlite (one connection) a query outside it, inside it, would wait forever.
  const definitions = await ctx.definitions.current(projectKey);
  return ctx.db.transaction(async (query) => {
    const [row] = await query(`select * from waymark_subjects where project_key = $1 and subject = $2 for update`, [
      projectKey,
      subject,
    ]);
    if (row?.merged_into) {
      // A device that became a user: the user's runs read its events.
      await ctx.queue.enqueue({ query }, projectKey, 'verify', [row.merged_into]);
      return { applied: 0, more: false };
    }
    const kind = kindOf(subject);
    const sources: { subject: string; cursor: [string, string] }[] = [{ subject, cursor: cursorOf(row) }];
    if (kind === 'user')
      for (const d of await query(
        `select subject, cursor_xid::text, cursor_id from waymark_subjects where project_key = $1 and merged_into = $2 order by subject for update`,
        [projectKey, subject],
      ))
        sources.push({ subject: d.subject, cursor: cursorOf(d) });
    const reads = [];
    for (const source of sources)
      reads.push({ source, ...(await readNewEvents(query, projectKey, source.subject, source.cursor, CHUNK)) });
    const events = reads.flatMap((r) => r.events);
    const waiting = reads.some((r) => r.waiting);
    let more = reads.some((r) => r.more);
    if (!events.length && !(options.evaluate && row?.doc)) return { applied: 0, more, ...(waiting && { waitMs: 200 }) };

    const firstSeen = events.length ? Math.min(...events.map((e) => time(e.received_at))) : ctx.now();
    const startedAt = row ? time(row.started_at) : firstSeen;
    const stored = row?.doc ? readUserDoc(row.doc) : undefined;
    const doc = stored && !(stored instanceof Error) ? stored : createUserDoc(startedAt);
    doc.startedAt = Math.min(doc.startedAt, startedAt);
    // Achievements the adopted devices bring are new to the user: compared with what the user had before.
    const achievedBefore = new Set(Object.keys(doc.achieved));
    const doneBefore = new Set(Object.keys(doc.done ?? {}));
    const stalledBefore = new Set(Object.keys(doc.stalled));
    if (kind === 'user') {
      const { docs, adopted } = await adoptDevices(query, projectKey, subject, events);
      for (const other of docs) mergeUserDocs(doc, other);
      // Their events not yet applied are read on the next run.
      if (adopted) more = true;
    }
    const accountId: string | null = row?.account_id ?? null;
    const accountAchieved: Record<string, number> = {};
    if (kind === 'user' && accountId)
      for (const a of await query(
        `select milestone_id, achieved_at from waymark_achievements where project_key = $1 and subject = $2`,
        [projectKey, accountSubject(accountId)],
      ))
        accountAchieved[a.milestone_id] = time(a.achieved_at);

    // From here to the writes, everything is synchronous: the shared engine serves this subject alone.
    const { engine, clock, own } = ctx.engines.get(projectKey, definitions, kind);
    const sorted = [...events].sort((a, b) => time(a.ts) - time(b.ts) || (a.id < b.id ? -1 : 1));
    let clamped = 0;
    let verified = 0;
    let account = accountId;
    const claims = new Set<string>();
    clock.now = sorted.length
      ? clampTime(time(sorted[0].ts), doc.startedAt, time(sorted[0].received_at)).at
      : ctx.now();
    engine.load(doc);
    if (Object.keys(accountAchieved).length) engine.mergeAchieved(accountAchieved);
    for (const e of sorted) {
      const t = clampTime(time(e.ts), doc.startedAt, time(e.received_at));
      if (t.clamped) clamped++;
      if (e.verified) verified++;
      clock.now = Math.max(clock.now, t.at);
      // Every event carries the account the client was in (group() sets it): the latest trusted one is the user's.
      if (kind === 'user' && e.account_trusted && e.account_id && e.account_id !== account) {
        engine.setAccount(e.account_id);
        account = e.account_id;
      }
      if (e.type === 'track' && e.name) engine.track(e.name, e.properties ?? {}, t.at);
      else if (e.type === 'identify' && kind !== 'account' && e.properties) engine.setTraits(trustedTraits(e));
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
    const ownRead = reads[0];
    const nextCheck = nextDeadline(definitions.milestones, doc, kind, ctx.now());

    await query(
      `insert into waymark_subjects (project_key, subject, kind, doc, cursor_xid, cursor_id, started_at, last_event_at, account_id,
         events, verified_events, clamped, claims_unconfirmed, next_check_at)
       values ($1, $2, $3, $4, $5::xid8, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       on conflict (project_key, subject) do update set doc = excluded.doc, cursor_xid = excluded.cursor_xid, cursor_id = excluded.cursor_id,
         next_check_at = excluded.next_check_at,
         started_at = excluded.started_at, last_event_at = excluded.last_event_at, account_id = excluded.account_id,
         events = waymark_subjects.events + excluded.events, verified_events = waymark_subjects.verified_events + excluded.verified_events,
         clamped = waymark_subjects.clamped + excluded.clamped, claims_unconfirmed = waymark_subjects.claims_unconfirmed + excluded.claims_unconfirmed`,
      [
        projectKey,
        subject,
        kind,
        JSON.stringify(doc),
        ownRead.cursor[0],
        ownRead.cursor[1],
        iso(doc.startedAt),
        iso(lastEvent),
        account,
        events.length,
        verified,
        clamped,
        unconfirmed,
        nextCheck === undefined ? null : iso(nextCheck),
      ],
    );
    for (const r of reads.slice(1))
      if (r.events.length)
        await query(
          `update waymark_subjects set cursor_xid = $3::xid8, cursor_id = $4 where project_key = $1 and subject = $2`,
          [projectKey, r.source.subject, r.cursor[0], r.cursor[1]],
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
        [
          projectKey,
          subject,
          JSON.stringify(newly.map((a) => ({ id: a.id, at: iso(a.at) }))),
          definitions.version,
          iso(ctx.now()),
        ],
      );
      if (benchmarked)
        await query(
          `insert into waymark_benchmark_days (project_key, milestone_id, day, n)
           select $1, b.id, b.day, 1 from jsonb_to_recordset($2::jsonb) as b(id text, day int) order by b.id
           on conflict (project_key, milestone_id, day) do update set n = waymark_benchmark_days.n + 1`,
          [
            projectKey,
            JSON.stringify(
              newly.map((a) => ({
                id: a.id,
                day: Math.min(MAX_BENCHMARK_DAY, Math.floor(Math.max(0, a.at - doc.startedAt) / DAY)),
              })),
            ),
          ],
        );
    }
    const moved = kind === 'user' && account !== accountId;
    if (ctx.afterVerify && (newly.length || levels.length || overdue.length || moved))
      await ctx.afterVerify(query, {
        projectKey,
        subject,
        kind,
        ...(account && { accountId: account }),
        ...(moved && { leftAccount: accountId }),
        at: ctx.now(),
        definitionsVersion: definitions.version,
        achieved: newly,
        levels,
        overdue,
      });
    return { applied: events.length, more, ...(waiting && { waitMs: 200 }) };
  });
}
