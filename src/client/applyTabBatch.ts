import type { Batch, TabShare } from './TabShare';

/**
 * Applies another tab's batch, unless this document already includes it.
 *
 * @example
 * applyTabBatch(share, { k: 'wm:pk:user:u1', e: [['task', {}, Date.now()]], t: 'tab2', n: 0 });
 */
export function applyTabBatch(share: TabShare, b: Batch): void {
  const { engine } = share.options_;
  if (b.n <= engine.lastSeen(b.t)) return;
  engine.markSeen(b.t, b.n);
  for (const [name, props, ts] of b.e) engine.track(name, props, ts);
}
