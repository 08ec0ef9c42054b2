import { pullState } from './pullState';
import type { SyncContext } from './SyncContext';
import type { Sync } from './types';

const noop = () => {};

/**
 * Sends what is queued now (see `Sync.flush`): on page hide the first request starts at once, from memory; else
 * the outbox is written, then the sending tab sends it all, or is asked to by this one.
 */
async function flush(sync: SyncContext, options?: { keepalive?: boolean; leaving?: boolean }) {
  try {
    const written = sync.outbox_.persist(options?.leaving);
    if (options?.keepalive) {
      // Page hide: the first request must start now, from memory; the rest follow if the page lives on.
      if (sync.canSend_())
        await sync.sendAll_(
          sync.outbox_.all().filter((e) => !sync.inflight_.has(e.id)),
          true,
        );
      return await written;
    }
    await written;
    // Nothing may be sent yet (consent pending): written is all a flush can do.
    if (sync.consent_ !== 'granted' || sync.destroyed_) return;
    if (!(await sync.lead_())) return sync.channel_ && (await sync.askSender_());
    if (!sync.canSend_()) return;
    clearTimeout(sync.timer_);
    sync.timer_ = undefined;
    await sync.running_;
    await sync.drain_();
  } catch (error) {
    sync.options_.report({ code: 'internal_error', message: `flush: ${String(error)}` });
  }
}

/**
 * The sync's methods, as `createSync` returns them (see `Sync`).
 *
 * @example
 * const api = syncMethods(sync);
 * api.enqueue({ type: 'track', name: 'task_completed', anonymousId: 'a1', timestamp: new Date().toISOString() });
 */
export function syncMethods(sync: SyncContext): Sync {
  const { outbox_: outbox, tokens_: tokens, options_: o } = sync;
  let seq = 0;
  return {
    enqueue(event) {
      if (sync.consent_ === 'denied' || sync.destroyed_) return '';
      event.id ||= sync.idPrefix_ + (seq++).toString(36);
      const count = outbox.add(event as Parameters<typeof outbox.add>[0]);
      if (!sync.timer_ || (!sync.soon_ && count >= sync.batchSize_)) sync.arm_(count);
      return event.id;
    },
    flush: (options) => flush(sync, options),
    persist: () => outbox.persist(),
    setConsent(consent) {
      sync.consent_ = consent;
      if (consent === 'denied') outbox.clear().catch(noop);
      else if (consent === 'granted') sync.kick_();
    },
    setToken(userId, token) {
      const wasHeld = tokens.held(userId);
      if (!tokens.set(userId, token)) return;
      sync.channel_?.post({ tokens: { [userId]: token } });
      if (wasHeld) sync.released_();
    },
    pull(who) {
      const p = sync.platform_;
      if (sync.consent_ !== 'granted' || sync.destroyed_ || (p.online && !p.online()))
        return Promise.resolve(undefined);
      const token = tokens.get(who.userId);
      // Refused on a pull, the token is reported (once); the events are held back only if a batch is refused too.
      const refused = () => tokens.refuse(who.userId!, token, false);
      const { endpoint_: endpoint, timeoutMs_: timeoutMs } = sync;
      return pullState(
        { endpoint, projectKey: o.projectKey, transport: o.transport, timeoutMs, report: o.report, token, refused },
        who,
      );
    },
    destroy() {
      if (sync.destroyed_) return;
      void outbox.persist();
      sync.destroyed_ = true;
      clearTimeout(sync.timer_);
      sync.stopOnline_?.();
      sync.channel_?.close();
      // The next sender starts only once our requests settled, so nothing in flight is sent twice.
      if (!sync.inflight_.size) sync.release_();
    },
  };
}
