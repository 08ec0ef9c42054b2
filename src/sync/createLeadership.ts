import { createLease } from './createLease';
import type { SyncContext } from './SyncContext';

const noop = () => {};

/**
 * Which tab sends: the holder of the platform's lock (Web Locks), or else of a lease in the shared storage, so
 * clients sharing a storage never send the same events. The tab that starts sending takes over what others left.
 *
 * @example
 * Object.assign(sync, createLeadership(sync));
 * sync.compete_();
 */
export function createLeadership(sync: SyncContext) {
  const { options_: o, platform_: p, outbox_: outbox } = sync;
  // What other tabs or earlier pages left in the outbox goes now; what this page has just queued waits for its batch
  // as usual (the sending tab is often chosen just after the page's first events).
  const takeOver = () =>
    void outbox.read().then(
      (stored) => (stored.length ? sync.kick_() : sync.arm_(outbox.all().length)),
      (error) => o.report({ code: 'storage_error', message: `outbox: ${String(error)}` }),
    );
  const startLeading = () => {
    // What this tab knew of the queue may have changed under the previous sender.
    outbox.forget();
    // The tabs that got tokens tell this one, which now sends for them all.
    sync.channel_?.post({ wantTokens: true });
  };
  // Without the platform's lock, a lease in the shared storage says which client sends.
  const lease = p.lead ? undefined : createLease(o.storage, `wm:${o.projectKey}:sender`, sync.idPrefix_);
  /** Whether this tab sends now: it holds the lock, or takes (or renews) the lease, which needs consent to send. */
  const lead = async (): Promise<boolean> => {
    if (!lease || sync.destroyed_ || sync.consent_ !== 'granted') return sync.leader_;
    const was = sync.leader_;
    sync.leader_ = await lease.take();
    if (sync.leader_ && !was) startLeading();
    return sync.leader_;
  };
  let letGo = noop;
  return {
    lead_: lead,
    canSend_: () =>
      sync.consent_ === 'granted' && sync.leader_ && !sync.destroyed_ && !sync.held_ && (!p.online || p.online()),
    /** Starts competing to be the one that sends. */
    compete_() {
      if (p.lead) {
        letGo = p.lead(`waymark:${o.projectKey}`, (leader) => {
          sync.leader_ = leader;
          if (!leader) return;
          startLeading();
          takeOver();
        });
        return;
      }
      void lead().then((mine) => mine && takeOver());
      letGo = () => void lease!.release();
    },
    /** Gives up sending (the lock or the lease), once. */
    release_() {
      letGo();
      letGo = noop;
    },
  };
}
