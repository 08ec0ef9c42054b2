import { randomUUID } from 'node:crypto';
import type { Database, Query } from '../db/types';

/** A job as a worker gets it. */
export interface Job {
  id: number;
  projectKey: string;
  kind: string;
  key: string;
  payload: unknown;
  attempts: number;
}

/** Where a job goes in: the database itself or the transaction that stores what the job is about. */
type Runner = Pick<Database, 'query'> | { query: Query };

const LEASE_SECONDS = 30;

/**
 * The durable job queue, in the database (`waymark_jobs`): a job is enqueued in the same transaction as the data it is
 * about, so a crash loses neither; workers claim jobs with `FOR UPDATE SKIP LOCKED`, so several server processes on one
 * PostgreSQL run each job once, and a lease (30 s) hands a job whose worker died to another (jobs take milliseconds). One row per
 * (project, kind, key): enqueueing a job that is waiting merges into it; one that is running is marked `dirty` and runs
 * once more after it finishes, so work that arrived during a run is never missed.
 * Hand-written rather than pg-boss or graphile-worker: those need a real PostgreSQL server, and this must run on the
 * embedded PGlite too; what it needs is these four statements.
 *
 * @example
 * const queue = createQueue(db);
 * await queue.enqueue(tx, 'pk_demo', 'verify', ['u:42']);
 * const jobs = await queue.claim(10);
 */
export function createQueue(db: Database) {
  const worker = randomUUID();
  return {
    worker,
    /** Adds (or re-arms) one job per key. `delayMs` postpones it. Keys are sorted, so concurrent enqueuers never deadlock. */
    async enqueue(runner: Runner, projectKey: string, kind: string, keys: string[], payload?: unknown, delayMs = 0) {
      const unique = [...new Set(keys)].sort();
      if (!unique.length) return;
      await runner.query(
        `insert into waymark_jobs (project_key, kind, key, payload, run_at)
         select $1, $2, k, $3::jsonb, now() + make_interval(secs => $5::float8 / 1000) from unnest($4::text[]) as k order by k
         on conflict (project_key, kind, key) do update
           set dirty = true, run_at = least(waymark_jobs.run_at, excluded.run_at),
               payload = coalesce(excluded.payload, waymark_jobs.payload)`,
        [projectKey, kind, payload === undefined ? null : JSON.stringify(payload), unique, delayMs],
      );
    },
    /**
     * Takes up to `limit` due jobs for this worker: of the kinds in `lane.only`, or of every kind but `lane.except`
     * (outbound work, webhooks and email, has a lane of its own, so a slow receiver never holds up verification).
     */
    async claim(limit: number, lane: { only?: string[]; except?: string[] } = {}): Promise<Job[]> {
      const rows = await db.query(
        `update waymark_jobs set locked_until = now() + make_interval(secs => ${LEASE_SECONDS}), locked_by = $1,
           attempts = attempts + 1, dirty = false
         where id in (
           select id from waymark_jobs
           where run_at <= now() and (locked_until is null or locked_until < now())
             and ($3::text[] is null or kind = any($3::text[])) and ($4::text[] is null or kind <> all($4::text[]))
           order by run_at, id limit $2 for update skip locked)
         returning id, project_key, kind, key, payload, attempts`,
        [worker, limit, lane.only ?? null, lane.except?.length ? lane.except : null],
      );
      return rows.map((r) => ({
        id: Number(r.id),
        projectKey: r.project_key,
        kind: r.kind,
        key: r.key,
        payload: r.payload,
        attempts: r.attempts,
      }));
    },
    /**
     * Done: the job goes, unless more work arrived while it ran (`dirty`: it runs again at once) or `again` asks for
     * another run after `delayMs`.
     */
    async complete(job: Job, again = false, delayMs = 0) {
      if (!again) {
        const gone = await db.query(
          `delete from waymark_jobs where id = $1 and locked_by = $2 and not dirty returning id`,
          [job.id, worker],
        );
        if (gone.length) return;
      }
      await db.query(
        `update waymark_jobs set locked_until = null, locked_by = null, attempts = 0, last_error = null,
           run_at = now() + make_interval(secs => case when dirty then 0 else $3::float8 / 1000 end)
         where id = $1 and locked_by = $2`,
        [job.id, worker, delayMs],
      );
    },
    /** Claimed but not started (the worker is stopping): back to the queue at once, the attempt not counted. */
    async release(job: Job) {
      await db.query(
        `update waymark_jobs set locked_until = null, locked_by = null, attempts = greatest(attempts - 1, 0)
        where id = $1 and locked_by = $2`,
        [job.id, worker],
      );
    },
    /** Failed: retried after an exponential backoff (1 s, 2 s, 4 s … capped at an hour). */
    async fail(job: Job, error: unknown) {
      const delay = Math.min(3600, 2 ** Math.min(job.attempts - 1, 12));
      await db.query(
        `update waymark_jobs set locked_until = null, locked_by = null, run_at = now() + make_interval(secs => $3), last_error = $4
         where id = $1 and locked_by = $2`,
        [job.id, worker, delay, String((error as Error)?.message ?? error).slice(0, 500)],
      );
    },
    /**
     * Jobs waiting or running, and how long the oldest due one has waited (s). It reads the events table too, so a lock
     * held on it (a migration, a stuck transaction) shows here as a timeout rather than as health.
     */
    async depth() {
      const [row] = await db.query(
        `select count(*)::int as jobs, coalesce(extract(epoch from now() - min(run_at) filter (where run_at <= now())), 0)::float8 as oldest,
           (select count(*) from (select 1 from waymark_events limit 1) e)::int as readable
         from waymark_jobs`,
      );
      return { jobs: row.jobs as number, oldestSeconds: Math.round(row.oldest as number) };
    },
  };
}

export type Queue = ReturnType<typeof createQueue>;
