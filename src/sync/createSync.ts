import { createLeadership } from './createLeadership';
import { createOutbox } from './createOutbox';
import { createSendLoop } from './createSendLoop';
import { createSendTimer } from './createSendTimer';
import { createTokens } from './createTokens';
import { linkSyncTabs } from './linkSyncTabs';
import type { SyncContext } from './SyncContext';
import { syncMethods } from './syncMethods';
import type { Sync, SyncOptions } from './types';

// Where no random id is handed in (tests, benches): unique enough for a prefix of event ids, which need no secrecy.
const weakId = (): string => Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);

/**
 * The batched sync: a durable outbox shared by tabs (`{storage}` key `wm:{projectKey}:outbox`),
 * sent by one tab in batches, retried with backoff until the backend acknowledges each event.
 * Each request holds one user's events and carries that user's token; a user whose token is refused (401) waits
 * for a new one while the others' events keep going. One tab sends: the holder of the platform's lock (Web Locks),
 * or else of a lease in the storage, so clients sharing a storage never send the same events, wherever they run.
 * Nothing browser-specific in here: `transport` and `platform` bring it.
 *
 * @example
 * const sync = createSync({ endpoint: 'https://api.example.com/waymark', projectKey: 'pk_demo', storage,
 *   transport: createFetchTransport(), platform: createSyncPlatform(), now: Date.now, consent: 'granted', report: console.warn });
 * sync.enqueue({ type: 'track', name: 'task_completed', anonymousId: 'a1', timestamp: new Date().toISOString() });
 */
/* @__NO_SIDE_EFFECTS__ */
export function createSync(o: SyncOptions): Sync {
  const newId = o.randomId ?? weakId;
  const sync = {
    options_: o,
    platform_: o.platform ?? {},
    endpoint_: o.endpoint.replace(/\/+$/, ''),
    batchSize_: o.batchSize || 20,
    timeoutMs_: o.requestTimeout || 10_000,
    newId_: newId,
    idPrefix_: newId() + '.',
    tokens_: createTokens(o.report),
    consent_: o.consent,
    destroyed_: false,
    inflight_: new Set<string>(),
    leader_: false,
    held_: false,
    attempt_: 0,
    failingSince_: 0,
    heldBack_: 0,
    soon_: false,
  } as SyncContext;
  sync.outbox_ = createOutbox({
    storage: o.storage,
    spill: sync.platform_.spill,
    key: `wm:${o.projectKey}:outbox`,
    maxQueue: o.maxQueue || 10_000,
    report: o.report,
    onWrite(size) {
      sync.channel_?.post(size);
      sync.arm_(size);
    },
  });
  Object.assign(sync, createSendTimer(sync), createLeadership(sync), createSendLoop(sync), linkSyncTabs(sync));
  sync.stopOnline_ = sync.platform_.onOnline?.(() => {
    sync.attempt_ = 0;
    sync.failingSince_ = 0;
    sync.kick_();
  });
  const api = syncMethods(sync);
  sync.flush_ = () => api.flush();
  sync.compete_();
  return api;
}
