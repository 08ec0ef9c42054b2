import type { Engine } from '../engine/createEngine';
import type { TabChannel } from './Platform';
import type { Properties } from '../types';
import { keepMarks, readUserDoc, type UserDoc } from '../engine/userDoc';

/** Events one tab tracked for document `k`: batch number `n` of tab `t`. */
type Batch = { k: string; e: [string, Properties, number][]; t: string; n: number };
/**
 * A message between tabs: a batch; `h`, a tab that just loaded asking for a live tab's document; the answer,
 * document `d` for tab `to`; or `id`, the user changed.
 */
export type TabMessage = Batch | { h: string } | { k: string; d: unknown; to: string } | { id: 1 };
/** Any of them, as received: from another tab, maybe another version. */
type Received = Partial<Batch & { h: string; d: unknown; to: string; id: 1 }>;

/** How long a tab that has just loaded listens for a live tab's document. */
const JOIN_MS = 1000;

/**
 * Shares one user's progress between the tabs of an origin. Every tab applies every tab's events, so their
 * bars agree. Batches are numbered per tab and each document records the last it includes (`seen`), so no
 * event counts twice, whether it arrives by message, in a stored document or in another tab's. A tab that loads
 * while another is live adopts that tab's document, since the stored one may be a coalesced write (100 ms)
 * behind. Without a BroadcastChannel it returns undefined.
 *
 * @example
 * const tabs = shareWithTabs({ name: 'wm:pk_demo:state', channel, tabId, engine, docKey, run, reload });
 * tabs?.join();
 * tabs?.send('task_completed', {}, Date.now());
 */
export function shareWithTabs(o: {
  name: string;
  /** Opens the channel to the other tabs (the platform's); undefined where there is none. */
  channel: (name: string, onMessage: (message: unknown) => void) => TabChannel | undefined;
  /** This tab's id, unique among the tabs. */
  tabId: string;
  engine: Pick<Engine, 'track' | 'load' | 'doc' | 'lastSeen' | 'markSeen'>;
  docKey: () => string;
  /** Runs `op` in order with the client's other operations (after a load under way). */
  run: (op: () => void) => void;
  /** Another tab changed the user: load again, after `join()`. */
  reload: () => void;
}) {
  const me = o.tabId;
  let n = 0;
  let outgoing: Batch['e'] = [];
  // While joining: every batch since the question, to replay on an adopted document.
  let log: Batch[] | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const apply = (b: Batch) => {
    if (b.n <= o.engine.lastSeen(b.t)) return;
    o.engine.markSeen(b.t, b.n);
    for (const [name, props, ts] of b.e) o.engine.track(name, props, ts);
  };
  const flush = () => {
    if (!outgoing.length) return;
    const b: Batch = { k: o.docKey(), e: outgoing, t: me, n: n++ };
    outgoing = [];
    o.engine.markSeen(me, b.n);
    log?.push(b);
    link!.post(b);
  };

  const receive = (m: Received) => {
    if (!m || typeof m !== 'object') return;
    if (m.id) return o.reload();
    // What this tab applied but has not shared yet goes first, so the document's numbers cover it.
    if (m.h) {
      flush();
      link!.post({ k: o.docKey(), d: o.engine.doc(), to: m.h });
      return;
    }
    if (m.k !== o.docKey()) return;
    if (Array.isArray(m.e) && typeof m.t === 'string' && typeof m.n === 'number') {
      log?.push(m as Batch);
      apply(m as Batch);
      return;
    }
    const doc = m.to === me && log && readUserDoc(m.d);
    if (!doc || doc instanceof Error) return;
    // Events this tab applied but has not shared yet are logged (and shared) first, to replay with the rest.
    flush();
    const since = log!;
    log = undefined;
    clearTimeout(timer);
    // Achievements this tab already made stay made (and are not announced again when its events replay).
    o.engine.load(keepMarks(doc, o.engine.doc() as UserDoc));
    since.forEach(apply);
  };
  // A message this version cannot apply (another tab mid-deploy) is ignored, never thrown into the page.
  const link = o.channel(o.name, (m) =>
    o.run(() => {
      try {
        receive(m as Received);
      } catch {}
    }),
  );
  if (!link) return;

  return {
    /** Asks the live tabs for their document; call as loading starts. The answer is applied in `run` order. */
    join() {
      log = [];
      link.post({ h: me });
      clearTimeout(timer);
      timer = setTimeout(() => o.run(() => (log = undefined)), JOIN_MS);
    },
    /** Shares an event this tab tracked (and applied); one message per burst. */
    send(name: string, props: Properties, ts: number) {
      if (outgoing.push([name, props, ts]) === 1) queueMicrotask(flush);
    },
    /** Tells the other tabs that the user changed. */
    changedUser: () => link.post({ id: 1 }),
    close() {
      clearTimeout(timer);
      link.close();
    },
  };
}
