import { keepMarks, readUserDoc, type UserDoc } from '../engine/userDoc';
import { applyTabBatch } from './applyTabBatch';
import { flushTabBatch } from './flushTabBatch';
import type { Batch, Received, TabShare } from './TabShare';

/**
 * Handles one message from another tab: the user changed (load again), a tab that just loaded asks for this tab's
 * document, a batch of events, or the answer to this tab's own question while it joins (adopted, then the batches
 * logged since replayed).
 *
 * @example
 * receiveTabMessage(share, { h: 'tab2' }); // answers with this tab's document
 */
export function receiveTabMessage(share: TabShare, m: Received): void {
  if (!m || typeof m !== 'object') return;
  const { engine, docKey, tabId } = share.options_;
  if (m.id) {
    share.options_.reload();
    return;
  }
  // What this tab applied but has not shared yet goes first, so the document's numbers cover it.
  if (m.h) {
    flushTabBatch(share);
    share.link_.post({ k: docKey(), d: engine.doc(), to: m.h });
    return;
  }
  if (m.k !== docKey()) return;
  if (Array.isArray(m.e) && typeof m.t === 'string' && typeof m.n === 'number') {
    share.log_?.push(m as Batch);
    applyTabBatch(share, m as Batch);
    return;
  }
  const doc = m.to === tabId && share.log_ && readUserDoc(m.d);
  if (!doc || doc instanceof Error) return;
  // Events this tab applied but has not shared yet are logged (and shared) first, to replay with the rest.
  flushTabBatch(share);
  const since = share.log_!;
  share.log_ = undefined;
  clearTimeout(share.timer_);
  // Achievements this tab already made stay made (and are not announced again when its events replay).
  engine.load(keepMarks(doc, engine.doc() as UserDoc));
  for (const b of since) applyTabBatch(share, b);
}
