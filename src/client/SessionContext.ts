import type { Engine, EngineOptions } from '../engine/createEngine';
import type { createInputChecks } from './createInputChecks';
import type { createSaver } from './createSaver';
import type { createUsers } from './createUsers';
import type { ClientParts, Platform } from './Platform';
import type { ResolvedOptions } from './readOptions';
import type { shareWithTabs } from './shareWithTabs';
import type { MilestoneState, Properties, WaymarkError, WaymarkStorage } from '../types';
import type { Sync, WireEvent } from '../sync/types';

/** What the client hands a session (`createSession`). */
export interface SessionOptions extends Pick<EngineOptions, 'emit' | 'listens'> {
  options_: ResolvedOptions;
  /** Storage, the other tabs, the page and ids. */
  platform_: Platform;
  /** Loads the sync, with an `endpoint`. */
  loadSync_: ClientParts['loadSync'];
  report: (error: WaymarkError) => void;
  /** State changed: notify subscribers. */
  changed_: () => void;
  /** Holds the client's operations in order until `task` is done. */
  hold_: (task: () => Promise<void>) => Promise<void>;
  /** Runs `op` now, or after whatever is held. */
  run_: (op: () => void) => void;
}

/**
 * The parts of one session that its pieces share (built by `createSessionContext`): the engine, the users, the
 * coalesced writes, the checks of input and, once loaded, the sync and the other tabs.
 *
 * @example
 * context.send_('track', 'task_completed', {}, Date.now());
 */
export interface SessionContext {
  client_: SessionOptions;
  options_: ResolvedOptions;
  report_: (error: WaymarkError) => void;
  storage_: WaymarkStorage;
  /** `wm:{projectKey}:`, the prefix of every storage key of this project. */
  prefix_: string;
  engine_: Engine;
  users_: ReturnType<typeof createUsers>;
  saver_: ReturnType<typeof createSaver>;
  checks_: ReturnType<typeof createInputChecks>;
  /** With an `endpoint`, once its chunk loaded. */
  sync_?: Sync;
  /** Only with IndexedDB and a tab channel. */
  tabs_?: ReturnType<typeof shareWithTabs>;
  /** While what the backend says was achieved is applied: not sent back to it. */
  merging_?: boolean;
  /**
   * Queues an event for the backend, of the current user unless `userId` says otherwise (`wireEvent`): set with the
   * sync, so nothing is sent without one.
   */
  send_?: (type: WireEvent['type'], name?: string, properties?: Properties, at?: number, userId?: string) => void;
  /** Sends an achievement to the backend once, by one tab (`sendAchievement`): set with the sync. */
  sendAchievement_?: (m: MilestoneState) => void;
}
