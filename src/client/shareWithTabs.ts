import { checkAlone } from './checkAlone';
import { flushTabBatch } from './flushTabBatch';
import { receiveTabMessage } from './receiveTabMessage';
import type { Received, TabShare, TabShareOptions } from './TabShare';
import type { Properties } from '../types';

export type { TabMessage } from './TabShare';

/** How long a tab that has just loaded listens for a live tab's document. */
const JOIN_MS = 1000;
/**
 * Bursts closer together than this share one message. A burst after a quiet spell is posted at once (a microtask);
 * a host tracking in a loop, or on every scroll, posts about 20 times a second instead of once per turn (each post is
 * a structured clone and a message to every tab). The other tabs' bars then lag by at most this.
 */
const GAP_MS = 50;

/**
 * Shares one user's progress between the tabs of an origin. Every tab applies every tab's events, so their
 * bars agree. Batches are numbered per tab and each document records the last it includes (`seen`), so no
 * event counts twice, whether it arrives by message, in a stored document or in another tab's. A tab that loads
 * while another is live adopts that tab's document, since the stored one may be a coalesced write (100 ms)
 * behind. What this tab tracked is posted before its document is stored, sent or replaced (`flush()`), so a stored
 * document never includes a batch its numbers do not cover. Without a BroadcastChannel it returns undefined.
 *
 * @example
 * const tabs = shareWithTabs({ name: 'wm:pk_demo:state', channel, tabId, engine, docKey, run, reload });
 * tabs?.join();
 * tabs?.send('task_completed', {}, Date.now());
 */
export function shareWithTabs(o: TabShareOptions) {
  // A message this version cannot apply (another tab mid-deploy) is ignored, never thrown into the page.
  const link = o.channel(o.name, (m) => {
    share.heard_++;
    share.alone_ = false;
    o.run(() => {
      try {
        receiveTabMessage(share, m as Received);
      } catch {}
    });
  });
  if (!link) {
    o.presence?.close();
    return;
  }
  const share: TabShare = { options_: o, link_: link, batches_: 0, outgoing_: [], posted_: -Infinity, heard_: 0 };
  const post = () => flushTabBatch(share);

  return {
    /** Asks the live tabs for their document; call as loading starts. The answer is applied in `run` order. */
    join() {
      flushTabBatch(share);
      share.alone_ = false;
      share.log_ = [];
      link.post({ h: o.tabId });
      clearTimeout(share.timer_);
      share.timer_ = setTimeout(
        () =>
          o.run(() => {
            share.log_ = undefined;
            checkAlone(share);
          }),
        JOIN_MS,
      );
    },
    /** Shares an event this tab tracked (and applied): one message per burst, at most one per 50 ms; none alone. */
    send(name: string, props: Properties, ts: number) {
      if (share.alone_) return;
      if (share.outgoing_.push([name, props, ts]) > 1) return;
      // A clock set back (a test's) counts as a gap passed.
      const wait = share.posted_ + GAP_MS - o.now();
      if (wait <= 0 || wait > GAP_MS) queueMicrotask(post);
      else share.postTimer_ = setTimeout(post, wait);
    },
    /** Posts what this tab tracked and has not shared yet: call before its document is stored or replaced. */
    flush: post,
    /** Asks again whether this tab is alone (another may have closed): about once a minute. */
    check: () => checkAlone(share),
    /** Tells the other tabs that the user changed (what the last user tracked is posted first). */
    changedUser() {
      flushTabBatch(share);
      link.post({ id: 1 });
    },
    close() {
      flushTabBatch(share);
      clearTimeout(share.timer_);
      link.close();
      o.presence?.close();
    },
  };
}
