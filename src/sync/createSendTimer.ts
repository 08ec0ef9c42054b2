import type { SyncContext } from './SyncContext';

/**
 * When the sync sends next: a full batch at once, a partial one after `flushInterval` (5 s), and not while a
 * backoff or a Retry-After is under way.
 *
 * @example
 * Object.assign(sync, createSendTimer(sync));
 * sync.arm_(outbox.all().length);
 */
export function createSendTimer(sync: SyncContext) {
  const interval = sync.options_.flushInterval ?? 5000;
  const tick = () => {
    sync.timer_ = undefined;
    sync.soon_ = false;
    sync.held_ = false;
    void sync.drain_();
  };
  const schedule = (ms: number, asap = false) => {
    clearTimeout(sync.timer_);
    sync.soon_ = asap;
    sync.timer_ = sync.destroyed_ ? undefined : setTimeout(tick, ms);
  };
  const kick = () => {
    if (!sync.held_) schedule(0, true);
  };
  return {
    schedule_: schedule,
    kick_: kick,
    // A full batch goes at once, a partial one after `interval`; a backoff in progress is left alone.
    arm_(size: number) {
      const count = size - sync.heldBack_;
      if (count <= 0 || sync.attempt_ || sync.held_) return;
      if (count >= sync.batchSize_) {
        if (!sync.soon_) schedule(0, true);
      } else if (!sync.timer_) schedule(interval);
    },
    /** Tokens changed: a user held back may go now. */
    released_() {
      sync.heldBack_ = 0;
      kick();
    },
  };
}
