import { flushTabBatch } from './flushTabBatch';
import type { TabShare } from './TabShare';

const noop = () => {};

/**
 * Asks the platform whether another tab is open. When none is, and no tab was heard from while asking, this tab
 * stops sharing its events: a tab that opens asks for this tab's document first, which holds them all, and any
 * message from another tab makes this one share again. Not while joining (a live tab may still answer).
 *
 * @example
 * checkAlone(share); // after the join window, and once a minute while the page is visible
 */
export function checkAlone(share: TabShare): void {
  const { presence } = share.options_;
  if (!presence || share.log_ || share.alone_) return;
  const heard = share.heard_;
  presence.othersOpen().then((others) => {
    if (others || heard !== share.heard_ || share.log_) return;
    flushTabBatch(share);
    share.alone_ = true;
  }, noop);
}
