import type { createDefinitionSource } from './createDefinitionSource';
import { createStatePull } from './createStatePull';
import type { SyncParts } from './Platform';
import { sendAchievement } from './sendAchievement';
import type { SessionContext } from './SessionContext';
import { wireEvent } from './wireEvent';

/**
 * Creates the sync from the parts loaded with an `endpoint`, and connects the session to it: its events queued for
 * the backend, its achievements sent once, and the user's state pulled (returned). It loads with the sync's chunk,
 * so a client without an `endpoint` never loads what only a backend needs.
 *
 * @example
 * const parts = await context.client_.loadSync_();
 * const state = parts.connectSync(context, definitions, parts);
 */
export function connectSync(
  context: SessionContext,
  definitions: ReturnType<typeof createDefinitionSource>,
  { createSync, createTransport, createSyncPlatform }: SyncParts,
): ReturnType<typeof createStatePull> {
  const { options_: o, report_: report } = context;
  const platform = context.client_.platform_;
  const network = createSyncPlatform();
  // Tabs share an outbox only through IndexedDB (or a storage of the page's own): then one of them sends and they
  // talk over the tab channel. A memory store (privacy mode, a server) or an IndexedDB missing (SSR) is this
  // client's alone: it sends its own events and tells no one (not even a token, to another request's client).
  const shared = o.storage !== 'memory' && platform.sharesStorage(o.storage === 'indexeddb' ? 'indexeddb' : 'custom');
  const sync = createSync({
    endpoint: o.endpoint!,
    projectKey: o.projectKey,
    storage: context.storage_,
    transport: o.transport || createTransport(),
    platform: shared ? network : { online: network.online, onOnline: network.onOnline },
    randomId: platform.randomId,
    now: o.now,
    consent: o.consent,
    report,
  });
  context.sync_ = sync;
  context.send_ = (...args) => void sync.enqueue(wireEvent(context, ...args));
  context.sendAchievement_ = (m) => sendAchievement(context, sync, m);
  return createStatePull(context, definitions);
}
