import { chunkEvents } from './chunkEvents';
import { createOutbox } from './createOutbox';
import { pullState } from './pullState';
import type { Sync, SyncOptions, TransportResponse, WireEvent } from './types';

// Browsers refuse keepalive requests once 64 KiB of them are in flight; leave room for the envelope.
const MAX_BYTES = 60_000;
const noop = () => {};
const randomId = (): string => {
  try {
    return Array.from(crypto.getRandomValues(new Uint32Array(3)), (n) => n.toString(36)).join('');
  } catch {
    return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  }
};

/**
 * The batched sync: a durable outbox shared by tabs (`{storage}` key `wm:{projectKey}:outbox`),
 * sent by one tab in batches, retried with backoff until the backend acknowledges each event.
 * Nothing browser-specific in here: `transport` and `platform` bring it.
 *
 * @example
 * const sync = createSync({ endpoint: 'https://api.example.com/waymark', projectKey: 'pk_demo', storage,
 *   transport: createFetchTransport(), platform: createBrowserPlatform(), now: Date.now, consent: 'granted', report: console.warn });
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
  const idPrefix = randomId() + '.';
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
    void (leader ? drain() : outbox.persist());
  };
  const kick = () => !held && schedule(0, true);
  // A full batch goes at once, a partial one after `interval`; a backoff in progress is left alone.
  const arm = (count: number) => {
    if (count && !attempt && !held) count >= batchSize ? soon || schedule(0, true) : timer || schedule(interval);
  };

  const canSend = () => consent === 'granted' && leader && !destroyed && !held && (!p.online || p.online());

  /** Sends one request's worth; true when the caller may go on with the next. */
  const deliver = async (events: WireEvent[], keepalive?: boolean): Promise<boolean> => {
    let res: TransportResponse | undefined;
    try {
      res = await transport({
        url: endpoint + '/v1/batch',
        method: 'POST',
        // A CORS-safelisted type: no preflight, which keepalive requests may not get.
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify({ projectKey, sentAt: new Date(now()).toISOString(), events }),
        keepalive,
        timeoutMs,
      });
    } catch {}
    const status = res ? res.status : 0;
    const drop = (code: string, message: string) => (report({ code, message }), outbox.ack(events).then(() => true));
    if (status > 199 && status < 300) {
      attempt = failingSince = 0;
      return outbox.ack(events).then(() => true);
    }
    if (status === 413)
      return events.length > 1
        ? (await deliver(events.slice(0, events.length >> 1), keepalive)) && deliver(events.slice(events.length >> 1), keepalive)
        : drop('event_too_large', `event ${events[0].id} ("${events[0].name}") is too large for the backend (HTTP 413); set aside`);
    if (status && status < 500 && status !== 408 && status !== 429)
      return drop('sync_rejected', `the backend refused ${events.length} events with HTTP ${status}; dropped them`);
    // Offline: not a failed attempt; the `online` listener resumes.
    if (!status && p.online && !p.online()) return false;
    const t = now();
    failingSince ||= t;
    if (t - failingSince >= budget) {
      failingSince = attempt = 0;
      return drop('sync_gave_up', `gave up on ${events.length} events: retries failed for longer than the retry budget (last: ${status ? 'HTTP ' + status : 'network error or timeout'})`);
    }
    const after = res?.header('retry-after');
    let wait = after ? (isNaN(+after) ? Date.parse(after) - t : +after * 1000) : NaN;
    held = wait >= 0;
    // Full jitter: a random wait up to the exponential step, so clients that failed together spread out.
    if (!held) wait = Math.random() * Math.min(o.retryCap || 6e4, (o.retryBase || 1000) * 2 ** attempt++);
    schedule(wait);
    return false;
  };

  const sendAll = async (events: WireEvent[], keepalive?: boolean): Promise<boolean> => {
    for (const e of events) inflight.add(e.id);
    try {
      for (const chunk of chunkEvents(events, MAX_BYTES)) if (!(await deliver(chunk, keepalive))) return false;
      return true;
    } finally {
      for (const e of events) inflight.delete(e.id);
      if (destroyed && !inflight.size) release();
    }
  };
  const loop = async () => {
    while (canSend()) {
      await outbox.persist();
      const batch = (await outbox.read()).filter((e) => !inflight.has(e.id)).slice(0, batchSize);
      // Checked again: leadership, consent or the network may have gone while the outbox was read.
      if (!batch.length || !canSend() || !(await sendAll(batch))) break;
    }
  };
  // A trigger while a run is under way runs the loop once more after it (it may have read the outbox too early).
  const drain = (): Promise<void> =>
    run
      ? ((again = true), run)
      : (run = loop()
          .catch((error) => report({ code: 'storage_error', message: `outbox: ${String(error)}` }))
          .finally(() => {
            run = undefined;
            const rerun = again && !attempt;
            again = false;
            if (rerun) void drain();
          }));

  const channel = p.channel?.(`waymark:${projectKey}:outbox`, (m) => {
    // Other tabs announce the outbox size after a write, or -1 to ask for a flush.
    if (leader && typeof m === 'number') m < 0 ? void api.flush() : arm(m);
  });
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
          if (canSend()) await sendAll(outbox.all().filter((e) => !inflight.has(e.id)), true);
          return await written;
        }
        await written;
        if (!leader) return channel?.post(-1);
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
    pull: (who) =>
      consent === 'granted' && !destroyed && (!p.online || p.online())
        ? pullState({ endpoint, projectKey, transport, timeoutMs, report }, who)
        : Promise.resolve(undefined),
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
  const release = () => (letGo(), (letGo = noop));
  letGo = p.lead
    ? p.lead(`waymark:${projectKey}`, (l) => {
        leader = l;
        if (l) kick();
      })
    : ((leader = true), kick(), noop);
  return api;
}
