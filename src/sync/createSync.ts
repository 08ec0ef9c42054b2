import { batchByUser, groupByUser } from './batchByUser';
import { chunkEvents } from './chunkEvents';
import { createLease } from './createLease';
import { createOutbox } from './createOutbox';
import { createTokens } from './createTokens';
import { pullState } from './pullState';
import { reportRejected } from './reportRejected';
import type { Sync, SyncOptions, TransportResponse, WireEvent } from './types';

// Browsers refuse keepalive requests once 64 KiB of them are in flight; leave room for the envelope.
const MAX_BYTES = 60_000;
const noop = () => {};
// Where no random id is handed in (tests, benches): unique enough for a prefix of event ids, which need no secrecy.
const weakId = (): string => Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);

/**
 * The batched sync: a durable outbox shared by tabs (`{storage}` key `wm:{projectKey}:outbox`),
 * sent by one tab in batches, retried with backoff until the backend acknowledges each event.
 * Each request holds one user's events and carries that user's token; a user whose token is refused (401) waits
 * for a new one while the others' events keep going. One tab sends: the holder of the platform's lock (Web Locks),
 * or else of a lease in the storage, so clients sharing a storage never send the same events, wherever they run.
 * Nothing browser-specific in here: `transport` and `platform` bring it.
 *
 * @example
 * const sync = createSync({ endpoint: 'https://api.example.com/waymark', projectKey: 'pk_demo', storage,
 *   transport: createFetchTransport(), platform: createSyncPlatform(), now: Date.now, consent: 'granted', report: console.warn });
 * sync.enqueue({ type: 'track', name: 'task_completed', anonymousId: 'a1', timestamp: new Date().toISOString() });
 */
/* @__NO_SIDE_EFFECTS__ */
export function createSync(o: SyncOptions): Sync {
  const { projectKey, storage, transport, now, report, platform: p = {} } = o;
  const endpoint = o.endpoint.replace(/\/+$/, '');
  const batchSize = o.batchSize || 20;
  const interval = o.flushInterval ?? 5000;
  const timeoutMs = o.requestTimeout || 10_000;
  const budget = o.retryBudget ?? 864e5;
  const newId = o.randomId ?? weakId;
  const idPrefix = newId() + '.';
  let seq = 0;
  let consent = o.consent;
  const inflight = new Set<string>();
  let leader = false;
  let destroyed = false;
  let held = false; // an unexpired Retry-After
  let attempt = 0;
  let failingSince = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let soon = false;
  let run: Promise<void> | undefined;
  let again = false;
  const tokens = createTokens(report);
  // Events of users waiting for a new token, as last counted: they don't make a batch full.
  let heldBack = 0;

  const outbox = createOutbox({
    storage,
    spill: p.spill,
    key: `wm:${projectKey}:outbox`,
    maxQueue: o.maxQueue || 10_000,
    report,
    onWrite(size) {
      channel?.post(size);
      arm(size);
    },
  });
  const schedule = (ms: number, asap = false) => {
    clearTimeout(timer);
    soon = asap;
    timer = destroyed ? undefined : setTimeout(tick, ms);
  };
  const tick = () => {
    timer = undefined;
    soon = held = false;
    void drain();
  };
  const kick = () => !held && schedule(0, true);
  // A full batch goes at once, a partial one after `interval`; a backoff in progress is left alone.
  const arm = (size: number) => {
    const count = size - heldBack;
    if (count > 0 && !attempt && !held) count >= batchSize ? soon || schedule(0, true) : timer || schedule(interval);
  };
  /** Tokens changed: a user held back may go now. */
  const released = () => {
    heldBack = 0;
    kick();
  };

  // What other tabs or earlier pages left in the outbox goes now; what this page has just queued waits for its batch
  // as usual (the sending tab is often chosen just after the page's first events).
  const takeOver = () =>
    void outbox.read().then(
      (stored) => (stored.length ? kick() : arm(outbox.all().length)),
      (error) => report({ code: 'storage_error', message: `outbox: ${String(error)}` }),
    );
  const canSend = () => consent === 'granted' && leader && !destroyed && !held && (!p.online || p.online());

  const startLeading = () => {
    // What this tab knew of the queue may have changed under the previous sender.
    outbox.forget();
    // The tabs that got tokens tell this one, which now sends for them all.
    channel?.post({ wantTokens: true });
  };
  // Without the platform's lock, a lease in the shared storage says which client sends.
  const lease = p.lead ? undefined : createLease(storage, `wm:${projectKey}:sender`, idPrefix);
  /** Whether this tab sends now: it holds the lock, or takes (or renews) the lease, which needs consent to send. */
  const lead = async (): Promise<boolean> => {
    if (!lease || destroyed || consent !== 'granted') return leader;
    const was = leader;
    leader = await lease.take();
    if (leader && !was) startLeading();
    return leader;
  };

  /** Sends one request's worth, all of one user; true when the caller may go on with the next. */
  const deliver = async (events: WireEvent[], keepalive?: boolean): Promise<boolean> => {
    const userId = events[0].userId;
    const userToken = tokens.get(userId);
    let res: TransportResponse | undefined;
    try {
      res = await transport({
        url: endpoint + '/v1/batch',
        method: 'POST',
        // A CORS-safelisted type: no preflight, which keepalive requests may not get.
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        // No token, no `userToken` key: JSON leaves undefined out.
        body: JSON.stringify({ projectKey, sentAt: new Date(now()).toISOString(), userToken, events }),
        keepalive,
        timeoutMs,
      });
    } catch {}
    const status = res ? res.status : 0;
    const drop = (code: string, message: string) => {
      report({ code, message });
      return outbox.ack(events).then(() => true);
    };
    if (status > 199 && status < 300) {
      attempt = failingSince = 0;
      await reportRejected(res!, events, report);
      return outbox.ack(events).then(() => true);
    }
    // The user's identity was refused: the events wait for a new token, and are not a failed attempt.
    if (status === 401 && userId !== undefined) {
      tokens.refuse(userId, userToken);
      return true;
    }
    if (status === 413)
      return events.length > 1
        ? (await deliver(events.slice(0, events.length >> 1), keepalive)) &&
            deliver(events.slice(events.length >> 1), keepalive)
        : drop(
            'event_too_large',
            `event ${events[0].id} ("${events[0].name}") is too large for the backend (HTTP 413); set aside`,
          );
    if (status && status < 500 && status !== 408 && status !== 429)
      return drop('sync_rejected', `the backend refused ${events.length} events with HTTP ${status}; dropped them`);
    // Offline: not a failed attempt; the `online` listener resumes.
    if (!status && p.online && !p.online()) return false;
    const t = now();
    failingSince ||= t;
    if (t - failingSince >= budget) {
      failingSince = attempt = 0;
      return drop(
        'sync_gave_up',
        `gave up on ${events.length} events: retries failed for longer than the retry budget (last: ${status ? 'HTTP ' + status : 'network error or timeout'})`,
      );
    }
    const after = res?.header('retry-after');
    let wait = after ? (Number.isNaN(+after) ? Date.parse(after) - t : +after * 1000) : NaN;
    held = wait >= 0;
    // Full jitter: a random wait up to the exponential step, so clients that failed together spread out.
    if (!held) wait = Math.random() * Math.min(o.retryCap || 6e4, (o.retryBase || 1000) * 2 ** attempt++);
    schedule(wait);
    return false;
  };

  const sendAll = async (events: WireEvent[], keepalive?: boolean): Promise<boolean> => {
    for (const e of events) inflight.add(e.id);
    try {
      for (const group of groupByUser(events))
        for (const chunk of chunkEvents(group, MAX_BYTES)) {
          if (tokens.held(chunk[0].userId)) break;
          if (!(await deliver(chunk, keepalive))) return false;
        }
      return true;
    } finally {
      for (const e of events) inflight.delete(e.id);
      if (destroyed && !inflight.size) release();
    }
  };
  const loop = async () => {
    // Another tab sends: this one only writes what it queued, and tells that tab (onWrite).
    if (!(await lead())) return outbox.persist();
    while (canSend() && (await lead())) {
      await outbox.persist();
      const next = batchByUser(await outbox.read(), batchSize, (e) => inflight.has(e.id), tokens.held);
      heldBack = next.held;
      const batch = next.batch;
      // Checked again: leadership, consent or the network may have gone while the outbox was read.
      if (!batch.length || !canSend() || !(await sendAll(batch))) break;
    }
  };
  // A trigger while a run is under way runs the loop once more after it (it may have read the outbox too early).
  const drain = (): Promise<void> => {
    if (run) {
      again = true;
      return run;
    }
    run = loop()
      .catch((error) => report({ code: 'storage_error', message: `outbox: ${String(error)}` }))
      .finally(() => {
        run = undefined;
        const rerun = again && !attempt;
        again = false;
        if (rerun) void drain();
      });
    return run;
  };

  const channel = p.channel?.(`waymark:${projectKey}:outbox`, (m) => {
    // Other tabs announce the outbox size after a write (-1 asked an older version's sender for a flush).
    if (leader && typeof m === 'number') m < 0 ? void api.flush() : arm(m);
    if (!m || typeof m !== 'object') return;
    const message = m as { tokens?: unknown; wantTokens?: unknown; flush?: unknown; flushed?: unknown };
    // A flush asked for in a tab that does not send: the sending tab flushes, then says it is done.
    if (typeof message.flush === 'string') {
      const id = message.flush;
      void lead().then(async (mine) => {
        if (!mine) return;
        await api.flush();
        channel?.post({ flushed: id });
      });
    }
    if (typeof message.flushed === 'string') waiting.get(message.flushed)?.();
    // Tokens travel between tabs (memory to memory, same origin), since the tab that sends may not be the one that got them.
    if (message.wantTokens) shareTokens();
    if (message.tokens && typeof message.tokens === 'object') learnTokens(message.tokens as Record<string, unknown>);
  });
  // Flushes this tab asked the sending tab for, by id: resolved when it answers, or after two request timeouts.
  const waiting = new Map<string, () => void>();
  const askSender = () =>
    new Promise<void>((resolve) => {
      const id = newId();
      const done = () => {
        clearTimeout(timeout);
        waiting.delete(id);
        resolve();
      };
      const timeout = setTimeout(done, 2 * timeoutMs);
      waiting.set(id, done);
      channel!.post({ flush: id });
    });
  const shareTokens = () => {
    const all = tokens.all();
    if (Object.keys(all).length) channel?.post({ tokens: all });
  };
  const learnTokens = (received: Record<string, unknown>) => {
    let changed = false;
    for (const userId in received) {
      const token = received[userId];
      if (typeof token === 'string' && token && tokens.set(userId, token)) changed = true;
    }
    if (changed) released();
  };
  const offOnline = p.onOnline?.(() => {
    attempt = failingSince = 0;
    kick();
  });

  const api: Sync = {
    enqueue(event) {
      if (consent === 'denied' || destroyed) return '';
      const e = event as WireEvent;
      e.id ||= idPrefix + (seq++).toString(36);
      const count = outbox.add(e);
      if (!timer || (!soon && count >= batchSize)) arm(count);
      return e.id;
    },
    async flush(options) {
      try {
        const written = outbox.persist(options?.leaving);
        if (options?.keepalive) {
          // Page hide: the first request must start now, from memory; the rest follow if the page lives on.
          if (canSend())
            await sendAll(
              outbox.all().filter((e) => !inflight.has(e.id)),
              true,
            );
          return await written;
        }
        await written;
        // Nothing may be sent yet (consent pending): written is all a flush can do.
        if (consent !== 'granted' || destroyed) return;
        if (!(await lead())) return channel && (await askSender());
        if (!canSend()) return;
        clearTimeout(timer);
        timer = undefined;
        await run;
        await drain();
      } catch (error) {
        report({ code: 'internal_error', message: `flush: ${String(error)}` });
      }
    },
    persist: () => outbox.persist(),
    setConsent(c) {
      consent = c;
      if (c === 'denied') outbox.clear().catch(noop);
      else if (c === 'granted') kick();
    },
    setToken(userId, token) {
      const wasHeld = tokens.held(userId);
      if (!tokens.set(userId, token)) return;
      channel?.post({ tokens: { [userId]: token } });
      if (wasHeld) released();
    },
    pull(who) {
      if (consent !== 'granted' || destroyed || (p.online && !p.online())) return Promise.resolve(undefined);
      const token = tokens.get(who.userId);
      // Refused on a pull, the token is reported (once); the events are held back only if a batch is refused too.
      const refused = () => tokens.refuse(who.userId!, token, false);
      return pullState({ endpoint, projectKey, transport, timeoutMs, report, token, refused }, who);
    },
    destroy() {
      if (destroyed) return;
      void outbox.persist();
      destroyed = true;
      clearTimeout(timer);
      offOnline?.();
      channel?.close();
      // The next sender starts only once our requests settled, so nothing in flight is sent twice.
      if (!inflight.size) release();
    },
  };

  let letGo = noop;
  const release = () => {
    letGo();
    letGo = noop;
  };
  letGo = p.lead
    ? p.lead(`waymark:${projectKey}`, (l) => {
        leader = l;
        if (!l) return;
        startLeading();
        takeOver();
      })
    : leadByLease();
  function leadByLease() {
    void lead().then((mine) => mine && takeOver());
    return () => void lease!.release();
  }
  return api;
}
