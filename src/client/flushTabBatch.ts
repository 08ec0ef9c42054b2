import type { Batch, TabShare } from './TabShare';

/**
 * Shares what this tab tracked since the last message, as its next numbered batch (marked seen in its own document).
 *
 * @example
 * flushTabBatch(share); // before this tab's document is stored, sent or replaced
 */
export function flushTabBatch(share: TabShare): void {
  clearTimeout(share.postTimer_);
  share.postTimer_ = undefined;
  if (!share.outgoing_.length) return;
  const { engine, tabId } = share.options_;
  share.posted_ = share.options_.now();
  const b: Batch = { k: share.options_.docKey(), e: share.outgoing_, t: tabId, n: share.batches_++ };
  share.outgoing_ = [];
  engine.markSeen(tabId, b.n);
  share.log_?.push(b);
  share.link_.post(b);
}
