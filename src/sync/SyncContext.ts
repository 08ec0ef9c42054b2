import type { createOutbox } from './createOutbox';
import type { createTokens } from './createTokens';
import type { SyncChannel, SyncOptions, SyncPlatform, WireEvent } from './types';
import type { Consent } from '../types';

/**
 * What the parts of one sync share (built by `createSync`): its settings, the outbox and tokens, the state of
 * sending (who sends, retries, the timer) and the operations each part lends the others.
 *
 * @example
 * if (sync.canSend_()) void sync.drain_();
 */
export interface SyncContext {
  options_: SyncOptions;
  platform_: SyncPlatform;
  /** The endpoint without its trailing slashes. */
  endpoint_: string;
  batchSize_: number;
  timeoutMs_: number;
  newId_: () => string;
  /** Prefix of this client's event ids: unique per client, then a counter. */
  idPrefix_: string;
  outbox_: ReturnType<typeof createOutbox>;
  tokens_: ReturnType<typeof createTokens>;
  /** The channel to the other tabs, where the platform has one. */
  channel_?: SyncChannel;
  consent_: Consent;
  destroyed_: boolean;
  /** Ids of the events in requests under way. */
  inflight_: Set<string>;
  /** Whether this tab is the one that sends. */
  leader_: boolean;
  /** An unexpired Retry-After. */
  held_: boolean;
  /** Failed attempts in a row (the backoff's exponent), and since when they fail (0: not failing). */
  attempt_: number;
  failingSince_: number;
  /** Events of users waiting for a new token, as last counted: they don't make a batch full. */
  heldBack_: number;
  timer_?: ReturnType<typeof setTimeout>;
  /** The timer is set to send at once. */
  soon_: boolean;
  /** The send loop under way. */
  running_?: Promise<void>;
  /** Stops listening for the device coming back online. */
  stopOnline_?: () => void;

  // sendTimer.ts
  schedule_: (ms: number, asap?: boolean) => void;
  kick_: () => void;
  arm_: (size: number) => void;
  released_: () => void;
  // createLeadership.ts
  lead_: () => Promise<boolean>;
  canSend_: () => boolean;
  compete_: () => void;
  release_: () => void;
  // createSendLoop.ts
  sendAll_: (events: WireEvent[], keepalive?: boolean) => Promise<boolean>;
  drain_: () => Promise<void>;
  // linkSyncTabs.ts
  askSender_: () => Promise<void>;
  // syncMethods.ts (the channel asks for a flush)
  flush_: () => Promise<void>;
}
