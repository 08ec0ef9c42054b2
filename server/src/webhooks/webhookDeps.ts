import type { Logger } from 'pino';
import type { Project } from '../config/readConfig';
import type { Database } from '../db/types';
import type { Queue } from '../queue/createQueue';
import { createAgents, type Agents } from './postWebhook';
import type { WebhookEndpoint } from './readWebhooks';
import { ATTEMPT_TIMEOUT } from './retrySchedule';
import { safeLookup, type Lookup } from './safeLookup';

/** What the webhook pieces share: the database, the queue, the wall clock, the endpoints, the network. */
export interface WebhookDeps {
  db: Database;
  queue: Queue;
  log: Logger;
  /** Wall time, epoch ms: delivery and retry timing, and `webhook-timestamp` (receivers check it against theirs). */
  clock: () => number;
  endpointsOf(projectKey: string): WebhookEndpoint[];
  allowPrivateNetworks: boolean;
  /** The DNS lookup connections use; refuses private addresses unless allowed. */
  lookup: Lookup;
  agents: Agents;
  timeoutMs: number;
  /** Attempts in flight in this process, per endpoint (one receiver that hangs may take only half the lane). */
  inFlight: Map<string, number>;
}

/**
 * Builds the shared webhook dependencies. `clock` and `resolve` are injectable: tests move the wall clock through a
 * day of retries, and stand in for DNS (a public name answering 127.0.0.1).
 *
 * @example
 * const deps = createWebhookDeps({ db, queue, log, projects: config.projects, allowPrivateNetworks: false });
 */
export function createWebhookDeps(o: {
  db: Database;
  queue: Queue;
  log: Logger;
  projects: Project[];
  allowPrivateNetworks: boolean;
  clock?: () => number;
  resolve?: Lookup;
  timeoutMs?: number;
}): WebhookDeps {
  const byKey = new Map(o.projects.map((p) => [p.key, p.webhooks]));
  return {
    db: o.db,
    queue: o.queue,
    log: o.log,
    clock: o.clock ?? Date.now,
    endpointsOf: (projectKey) => byKey.get(projectKey) ?? [],
    allowPrivateNetworks: o.allowPrivateNetworks,
    lookup: safeLookup(o.resolve, o.allowPrivateNetworks),
    agents: createAgents(),
    timeoutMs: o.timeoutMs ?? ATTEMPT_TIMEOUT,
    inFlight: new Map(),
  };
}
