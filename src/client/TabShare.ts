import type { Engine } from '../engine/createEngine';
import type { TabChannel, TabPresence } from './Platform';
import type { Properties } from '../types';

/** Events one tab tracked for document `k`: batch number `n` of tab `t`. */
export type Batch = { k: string; e: [string, Properties, number][]; t: string; n: number };
/**
 * A message between tabs: a batch; `h`, a tab that just loaded asking for a live tab's document; the answer,
 * document `d` for tab `to`; or `id`, the user changed.
 */
export type TabMessage = Batch | { h: string } | { k: string; d: unknown; to: string } | { id: 1 };
/** Any of them, as received: from another tab, maybe another version. */
export type Received = Partial<Batch & { h: string; d: unknown; to: string; id: 1 }>;

export interface TabShareOptions {
  name: string;
  /** Opens the channel to the other tabs (the platform's); undefined where there is none. */
  channel: (name: string, onMessage: (message: unknown) => void) => TabChannel | undefined;
  /** This tab's id, unique among the tabs. */
  tabId: string;
  engine: Pick<Engine, 'track' | 'load' | 'doc' | 'lastSeen' | 'markSeen'>;
  docKey: () => string;
  /** This tab's mark among the others (the platform's), to know when it is alone; absent, it never is. */
  presence?: TabPresence;
  /** The clock (ms): bursts closer together than a gap share one message. */
  now: () => number;
  /** Runs `op` in order with the client's other operations (after a load under way). */
  run: (op: () => void) => void;
  /** Another tab changed the user: load again, after `join()`. */
  reload: () => void;
}

/** What one tab's sharing holds: the parts of shareWithTabs read and write it. */
export interface TabShare {
  options_: TabShareOptions;
  link_: TabChannel;
  /** The number the next batch of this tab gets. */
  batches_: number;
  /** Events tracked here and not shared yet: one message per burst, or per gap when bursts come closer. */
  outgoing_: Batch['e'];
  /** When this tab last posted a batch (its clock). */
  posted_: number;
  /** Posts the waiting batch when bursts come closer than the gap. */
  postTimer_?: ReturnType<typeof setTimeout>;
  /** While joining: every batch since the question, to replay on an adopted document. */
  log_?: Batch[];
  /** No other tab is open: events are not shared until a tab is heard from. */
  alone_?: boolean;
  /** Messages heard from other tabs: one heard while asking whether any is open answers the question. */
  heard_: number;
  /** Ends the join. */
  timer_?: ReturnType<typeof setTimeout>;
}
