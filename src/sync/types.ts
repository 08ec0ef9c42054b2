import type {
  Benchmark,
  Consent,
  LevelDefinition,
  MilestoneDefinition,
  Properties,
  WaymarkError,
  WaymarkStorage,
} from '../types';

/** One event as it travels to the backend (`POST /v1/batch`). */
export interface WireEvent {
  /** Unique per event, kept across retries, so the backend can deduplicate. */
  id: string;
  type: 'track' | 'identify' | 'group' | 'achieved';
  /** The event name for `track`; the milestone id for `achieved`. */
  name?: string;
  properties?: Properties;
  userId?: string;
  anonymousId: string;
  accountId?: string;
  /** ISO 8601. */
  timestamp: string;
}

export interface TransportRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Page is going away: the request must outlive it (fetch `keepalive`, 64 KB budget). */
  keepalive?: boolean;
  timeoutMs: number;
}

export interface TransportResponse {
  status: number;
  header(name: string): string | null;
  json(): Promise<unknown>;
}

/**
 * Sends one request. Resolves with any HTTP answer; rejects on a network error or timeout.
 *
 * @example
 * const transport: Transport = async (req) => ({ status: 200, header: () => null, json: async () => ({}) });
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** What `GET /v1/state` answers. */
export interface RemoteState {
  milestones?: MilestoneDefinition[];
  levels?: LevelDefinition[];
  /** Milestone id to ISO timestamp. */
  achieved: Record<string, string>;
  startedAt?: string;
  benchmarks?: Record<string, Benchmark>;
  /** This user's standing across all milestones; each figure absent where too few others were compared. */
  overall?: { percentile?: number; typicalAtThisAge?: number };
}

/** The core's storage; its atomic `update` (IndexedDB: one readwrite transaction) keeps tabs from losing each other's writes. */
export type SyncStorage = WaymarkStorage;

/** A cross-tab message port. */
export interface SyncChannel {
  post(message: unknown): void;
  close(): void;
}

/**
 * What the sync needs from its surroundings. Every member is optional; the defaults are inert
 * (always online, always the sender, no other tabs), so the sync runs in Node and tests.
 */
export interface SyncPlatform {
  /** False while the device is known to be offline. */
  online?(): boolean;
  /** Calls `listener` when the device comes back online; returns the unsubscribe. */
  onOnline?(listener: () => void): () => void;
  /** Competes to be the one sender for `name`; calls `listener(true)` on winning, `listener(false)` on losing it. Returns the release. */
  lead?(name: string, listener: (leader: boolean) => void): () => void;
  /** A channel to the other tabs of this origin. */
  channel?(name: string, onMessage: (message: unknown) => void): SyncChannel | undefined;
  /** Synchronous storage for the events a page being unloaded still holds (the browser: localStorage). */
  spill?: SpillStore;
}

/**
 * Written on page hide, when only a synchronous write is sure to land: IndexedDB writes of several tabs closing at
 * once queue behind each other and the later ones can be dropped.
 */
export interface SpillStore {
  /** False when it could not write (quota, private mode). */
  put(key: string, value: unknown): boolean;
  /** The entries whose keys start with `prefix`. */
  entries(prefix: string): [string, unknown][];
  remove(key: string): void;
}

export interface SyncOptions {
  /** Base URL; `/v1/batch` and `/v1/state` are appended. */
  endpoint: string;
  projectKey: string;
  storage: SyncStorage;
  transport: Transport;
  now: () => number;
  consent: Consent;
  report: (error: WaymarkError) => void;
  /** Send when this many events wait. Default 20. */
  batchSize?: number;
  /** Or this many ms after the first waiting event. Default 5000. */
  flushInterval?: number;
  /** Outbox bound; past it the oldest events are dropped (and reported). Default 10000. */
  maxQueue?: number;
  /** Per request, ms. Default 10000. */
  requestTimeout?: number;
  /** Give up on a batch after its retries have failed for this long, ms. Default 24 h. */
  retryBudget?: number;
  /** First backoff step and the cap, ms. Default 1000 and 60000. */
  retryBase?: number;
  retryCap?: number;
  platform?: SyncPlatform;
  /** A new random id (the platform's), the prefix of this client's event ids. Default: from Math.random. */
  randomId?: () => string;
}

/** The sync half of the client, as returned by `createSync`. */
export interface Sync {
  /**
   * Queues an event (no I/O on the call); returns its id, or `''` while consent is denied. Takes ownership of `event`.
   * An event without an `id` gets a unique one; one with an id keeps it, so events that several tabs may send
   * (an achievement) can carry one id and reach the backend once.
   */
  enqueue(event: Omit<WireEvent, 'id'> & { id?: string }): string;
  /** Sends what is queued now; resolves when each request it made was answered or failed. Never rejects. */
  /**
   * `keepalive`: the page is hidden, send from memory with fetch keepalive. `leaving`: it is being unloaded
   * (pagehide), so the outbox is written in one plain write, with no read first.
   */
  flush(options?: { keepalive?: boolean; leaving?: boolean }): Promise<void>;
  /** Writes the in-memory part of the outbox now (page hide). */
  persist(): Promise<void>;
  setConsent(consent: Consent): void;
  /**
   * The token that proves `userId` to the backend (memory only; shared with the other tabs, whichever of them sends).
   * Events of a user whose token got a 401 wait until a different token is set.
   */
  setToken(userId: string, token: string): void;
  /** `GET /v1/state` (with the user's token, when known); undefined when not allowed or failed (reported). Never rejects. */
  pull(who: { userId?: string; anonymousId: string }): Promise<RemoteState | undefined>;
  destroy(): void;
}
