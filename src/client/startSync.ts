import type { SessionContext } from './SessionContext';

/**
 * Loads the sync's chunk (with an `endpoint`) while the stored identity is read, then creates the sync. A sync that
 * cannot be loaded (its chunk missing from a stale deploy) costs the sending, not the progress: the client runs
 * locally and says why. The identity is read meanwhile, so that the sync's first request already carries the
 * user's token.
 *
 * @example
 * await startSync(context);
 * context.sync_?.enqueue(context.wire_('track', 'task_completed', {}));
 */
export async function startSync(context: SessionContext): Promise<void> {
  const { options_: o, report_: report } = context;
  const [parts] = await Promise.all([
    o.endpoint
      ? context.client_.loadSync_().catch((error) =>
          report({
            code: 'sync_unavailable',
            message: `could not load the sync, nothing is sent from this page: ${String(error?.message ?? error)}`,
          }),
        )
      : undefined,
    context.users_.loadIdentity_(),
  ]);
  if (!parts) return;
  const { createSync, createTransport, createSyncPlatform } = parts;
  const platform = context.client_.platform_;
  const network = createSyncPlatform();
  // Tabs share an outbox only through IndexedDB (or a storage of the page's own): then one of them sends and they
  // talk over the tab channel. A memory store (privacy mode, a server) or an IndexedDB missing (SSR) is this
  // client's alone: it sends its own events and tells no one (not even a token, to another request's client).
  const shared = o.storage !== 'memory' && platform.sharesStorage(o.storage === 'indexeddb' ? 'indexeddb' : 'custom');
  context.sync_ = createSync({
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
}
