import { reportRejected } from './reportRejected';
import type { SyncContext } from './SyncContext';
import type { TransportResponse, WireEvent } from './types';

/** Reports why `events` go unsent, and removes them from the outbox. */
const drop = (sync: SyncContext, events: WireEvent[], code: string, message: string) => {
  sync.options_.report({ code, message });
  return sync.outbox_.ack(events).then(() => true);
};

/**
 * Sends one request's worth of events, all of one user, with that user's token; true when the caller may go on
 * with the next. Acknowledged events leave the outbox; a refused token holds the user's events back (not a failed
 * attempt); a request too large is halved; what the backend refuses for good is dropped and reported; anything else
 * is retried later (`retryLater`).
 *
 * @example
 * if (await deliverBatch(sync, events)) next();
 */
export async function deliverBatch(sync: SyncContext, events: WireEvent[], keepalive?: boolean): Promise<boolean> {
  const { options_: o, tokens_: tokens } = sync;
  const userId = events[0].userId;
  const userToken = tokens.get(userId);
  let res: TransportResponse | undefined;
  try {
    res = await o.transport({
      url: sync.endpoint_ + '/v1/batch',
      method: 'POST',
      // A CORS-safelisted type: no preflight, which keepalive requests may not get.
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      // No token, no `userToken` key: JSON leaves undefined out.
      body: JSON.stringify({ projectKey: o.projectKey, sentAt: new Date(o.now()).toISOString(), userToken, events }),
      keepalive,
      timeoutMs: sync.timeoutMs_,
    });
  } catch {}
  const status = res ? res.status : 0;
  if (status > 199 && status < 300) {
    sync.attempt_ = 0;
    sync.failingSince_ = 0;
    await reportRejected(res!, events, o.report);
    return sync.outbox_.ack(events).then(() => true);
  }
  // The user's identity was refused: the events wait for a new token, and are not a failed attempt.
  if (status === 401 && userId !== undefined) {
    tokens.refuse(userId, userToken);
    return true;
  }
  if (status === 413) {
    if (events.length === 1)
      return drop(
        sync,
        events,
        'event_too_large',
        `event ${events[0].id} ("${events[0].name}") is too large for the backend (HTTP 413); set aside`,
      );
    const half = events.length >> 1;
    return (
      (await deliverBatch(sync, events.slice(0, half), keepalive)) && deliverBatch(sync, events.slice(half), keepalive)
    );
  }
  if (status && status < 500 && status !== 408 && status !== 429)
    return drop(
      sync,
      events,
      'sync_rejected',
      `the backend refused ${events.length} events with HTTP ${status}; dropped them`,
    );
  // Offline: not a failed attempt; the `online` listener resumes.
  if (!status && sync.platform_.online && !sync.platform_.online()) return false;
  return retryLater(sync, events, status, res);
}

/**
 * A failed attempt: waits for the Retry-After the backend asked for, or else a random time up to the exponential
 * step (full jitter, so clients that failed together spread out); past the retry budget (24 h) the events go.
 */
function retryLater(sync: SyncContext, events: WireEvent[], status: number, res?: TransportResponse) {
  const o = sync.options_;
  const t = o.now();
  sync.failingSince_ ||= t;
  // Defaults as literals (a day; below, a minute): named constants cost 0.03 KB in the script tag, not inlined there.
  if (t - sync.failingSince_ >= (o.retryBudget ?? 864e5)) {
    sync.failingSince_ = 0;
    sync.attempt_ = 0;
    return drop(
      sync,
      events,
      'sync_gave_up',
      `gave up on ${events.length} events: retries failed for longer than the retry budget (last: ${status ? 'HTTP ' + status : 'network error or timeout'})`,
    );
  }
  const after = res?.header('retry-after');
  let wait = after ? (Number.isNaN(+after) ? Date.parse(after) - t : +after * 1000) : NaN;
  sync.held_ = wait >= 0;
  if (!sync.held_) wait = Math.random() * Math.min(o.retryCap || 6e4, (o.retryBase || 1000) * 2 ** sync.attempt_++);
  sync.schedule_(wait);
  return false;
}
