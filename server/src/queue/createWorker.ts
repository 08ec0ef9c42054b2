import type { Logger } from 'pino';
import type { Job, Queue } from './createQueue';

/**
 * Runs one job; resolves `true` to be run again at once (more work than one run takes), or a number of ms to run
 * again after that long. Throwing retries it later, with backoff.
 */
export type JobHandler = (job: Job) => Promise<boolean | number | undefined>;

/**
 * A worker that takes jobs from the queue and runs them one at a time, yielding to the event loop between jobs so
 * requests (and `/health`) are served while a backlog drains. It runs when woken (a batch was stored in this process)
 * and polls every `pollMs` for jobs enqueued by other processes, retries that came due, and leases that ran out.
 *
 * @example
 * const worker = createWorker({ queue, log, handlers: { verify: (job) => verifySubject(job) } });
 * worker.start();
 * worker.wake();
 * await worker.stop(10_000);
 */
export function createWorker(o: {
  queue: Queue;
  log: Logger;
  /** Read at each job, so handlers registered after the worker was made are found. */
  handlers: Record<string, JobHandler>;
  /** Which kinds this worker takes (see `Queue.claim`); read at each claim. */
  lane?: () => { only?: string[]; except?: string[] };
  /** Jobs run at once. Default 1 (verification shares one engine per definitions version, and runs one at a time). */
  concurrency?: number;
  pollMs?: number;
  /** Called after each job that ran to the end (its transaction committed): to wake another lane for what it made. */
  afterEach?: (job: Job) => void;
}) {
  const pollMs = o.pollMs ?? 1000;
  const parallel = o.concurrency ?? 1;
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  let idleWaiters: (() => void)[] = [];

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        if (wakeUp === done) wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const runOne = async (job: Job) => {
    const handler = o.handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      const again = await handler(job);
      await o.queue.complete(job, again === true || typeof again === 'number', typeof again === 'number' ? again : 0);
      o.afterEach?.(job);
    } catch (error) {
      o.log.warn(
        { err: error, job: { id: job.id, kind: job.kind, project: job.projectKey, attempts: job.attempts } },
        'job failed; will retry',
      );
      await o.queue.fail(job, error).catch((e) => o.log.error({ err: e }, 'could not record a job failure'));
    }
  };

  // Side by side (outbound work waits on the network), a pool: a slot that frees takes the next job at once, so one
  // receiver that hangs holds its own slot, not the batch it was claimed with.
  const inFlight = new Set<Promise<void>>();
  const start = (job: Job) => {
    const done: Promise<void> = runOne(job).finally(() => inFlight.delete(done));
    inFlight.add(done);
  };

  const run = async () => {
    while (running) {
      woken = false;
      if (inFlight.size >= parallel) {
        await Promise.race(inFlight);
        continue;
      }
      let jobs: Job[] = [];
      try {
        // One at a time still claims a few, so a backlog costs fewer claims; side by side claims the free slots.
        jobs = await o.queue.claim(parallel > 1 ? parallel - inFlight.size : 5, o.lane?.() ?? {});
      } catch (error) {
        o.log.error({ err: error }, 'could not claim jobs');
      }
      if (!jobs.length) {
        if (inFlight.size) {
          // A job that finishes may have made work; so may another process (the poll) or this one (a wake).
          await Promise.race([...inFlight, sleep(pollMs)]);
          wakeUp?.();
          continue;
        }
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const w of waiters) w();
        await sleep(pollMs);
        continue;
      }
      if (parallel > 1) {
        for (const job of jobs) {
          if (running) start(job);
          else await o.queue.release(job).catch(() => {});
        }
        continue;
      }
      for (const job of jobs) {
        if (!running) {
          await o.queue.release(job).catch(() => {});
          continue;
        }
        await runOne(job);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await Promise.all(inFlight);
  };

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    /** New work in this process: look now rather than at the next poll. */
    wake() {
      woken = true;
      wakeUp?.();
    },
    /** Resolves the next time the worker finds no due job (for tests and benchmarks). */
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        woken = true;
        wakeUp?.();
      }),
    /** Stops after the job in progress (waiting at most `deadlineMs`). Jobs claimed but not started go back after their lease. */
    async stop(deadlineMs: number) {
      running = false;
      wakeUp?.();
      for (const w of idleWaiters) w();
      idleWaiters = [];
      if (loop) await Promise.race([loop, new Promise((r) => setTimeout(r, deadlineMs).unref())]);
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;
