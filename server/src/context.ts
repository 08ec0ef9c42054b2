import type { Logger } from 'pino';
import type { Project, ResolvedConfig } from './config/readConfig';
import type { Database } from './db/types';
import type { DefinitionStore } from './definitions/createDefinitionStore';
import type { createTokenVerifier } from './identity/createTokenVerifier';
import type { Notifier } from './notify/createNotifier';
import type { Pace } from './overall/createPace';
import type { Queue } from './queue/createQueue';
import type { JobHandler } from './queue/createWorker';
import type { ScheduledTask } from './schedule/runScheduled';
import type { Benchmarks } from './state/createBenchmarks';
import type { Engines } from './verify/createEngines';
import type { VerifyContext } from './verify/verifySubject';

/** The job workers as one: started, woken and stopped together. */
export interface Workers {
  start(): void;
  /** New work: look now rather than at the next poll. */
  wake(): void;
  /** Resolves once no job is due in either lane. */
  idle(): Promise<void>;
  stop(deadlineMs: number): Promise<void>;
}

/** Everything a route or a job needs, built once by `createServer`. */
export interface ServerContext {
  config: ResolvedConfig;
  db: Database;
  log: Logger;
  queue: Queue;
  /** The job workers (both lanes). */
  worker: Workers;
  /** Job handlers by kind: verify, reevaluate, scheduled, and those the features register (webhook, email…). */
  jobs: Record<string, JobHandler>;
  /** Kinds that go out to the network (webhooks, email): they run in the outbound lane, several at once. */
  outbound: Set<string>;
  definitions: DefinitionStore;
  engines: Engines;
  benchmarks: Benchmarks;
  /** Users' pace across all milestones (`overall` in `/v1/state`). */
  pace: Pace;
  /** Achievements, levels, overdue milestones and fired triggers, for webhooks and email to act on. */
  notifier: Notifier;
  /** Time-based work run per project by the scheduler (quiet periods, pace triggers, digests), by name. */
  scheduledTasks: [string, ScheduledTask][];
  /** Product time (injectable). */
  now: () => number;
  /** Runs in each verification's transaction when it found something (publishes the notifications). */
  afterVerify?: VerifyContext['afterVerify'];
  project(key: unknown): Project | undefined;
  /** The project whose secret key this is, compared in constant time. */
  projectBySecret(secret: string): Project | undefined;
  verifyToken(project: Project, token: unknown): ReturnType<ReturnType<typeof createTokenVerifier>>;
}
