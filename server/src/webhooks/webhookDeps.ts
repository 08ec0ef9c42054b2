import type { Logger } from 'pino';
import type { Project } from '../config/readConfig';
import type { Database } from '../db/types';
import type { Queue } from '../queue/createQueue';
import { type Agents, createAgents } from './postWebhook';
import type { WebhookDelivery } from './readWebhookDelivery';
import type { WebhookEndpoint } from './readWebhooks';
import { type Lookup, safeLookup } from './safeLookup';

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
  /** The waits after each failed automatic attempt; when they are used up the delivery has failed. */
  retryDelays: number[];
  /** Attempts in flight in this process, per endpoint (one receiver that hangs may take only half the lane). */
  inFlight: Map<string, EndpointSlot>;
}

/** One endpoint's attempts in this process: when each running one started, and how long they typically take (ms). */
export interface EndpointSlot {
  running: Map<object, number>;
  typicalMs?: number;
}

/**
 * Builds the shared webhook dependencies from the server's `webhookDelivery` option (its clock, DNS lookup, timeout
 * and retry delays are injectable: tests move the wall clock through days of failures and stand in for DNS, a public
 * name answering 127.0.0.1).
 *
 * @example
 * const deps = createWebhookDeps({ db, queue, log, projects: config.projects, allowPrivateNetworks: false, delivery: config.webhookDelivery });
 */
export function createWebhookDeps(o: {
  db: Database;
  queue: Queue;
  log: Logger;
  projects: Project[];
  allowPrivateNetworks: boolean;
  delivery: WebhookDelivery;
}): WebhookDeps {
  const byKey = new Map(o.projects.map((p) => [p.key, p.webhooks]));
  return {
    db: o.db,
    queue: o.queue,
    log: o.log,
    clock: o.delivery.clock,
    endpointsOf: (projectKey) => byKey.get(projectKey) ?? [],
    allowPrivateNetworks: o.allowPrivateNetworks,
    lookup: safeLookup(o.delivery.lookup, o.allowPrivateNetworks),
    agents: createAgents(),
    timeoutMs: o.delivery.timeoutMs,
    retryDelays: o.delivery.retryDelays,
    inFlight: new Map(),
  };
}
