import type { Transport } from './sync/types';

/** A duration: a whole number followed by `m` (minutes), `h` (hours), `d` (days) or `w` (weeks), e.g. `"14d"`. */
export type Duration = `${number}${'m' | 'h' | 'd' | 'w'}`;

/** A JSON value as it may appear in event properties and trait values. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Event properties after sanitising: plain JSON. */
export type Properties = Record<string, JsonValue>;

/** Operators of a `where` condition on one property. */
export interface WhereOperators {
  eq?: JsonValue;
  ne?: JsonValue;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  in?: JsonValue[];
  exists?: boolean;
}

/** `where`: property name to a literal (equality) or to operators. */
export type Where = Record<string, JsonValue | WhereOperators>;

interface EventRuleBase {
  /** The event name that feeds this rule. */
  event: string;
  where?: Where;
  /** Only events in the first N of the user's start, e.g. `"14d"`. */
  within?: Duration;
  /** Rolling window: only events in the last N, e.g. `"7d"`. */
  last?: Duration;
}

/** `{ event, count }`: the event happened at least `count` times (default 1). */
export interface CountRule extends EventRuleBase {
  count?: number;
}
/** `{ event, sum, gte }`: the numeric property `sum` added up reaches `gte`. */
export interface SumRule extends EventRuleBase {
  sum: string;
  gte: number;
}
/** `{ event, distinct, gte }`: `gte` distinct values of property `distinct`. */
export interface DistinctRule extends EventRuleBase {
  distinct: string;
  gte: number;
}
/** `{ event, streak }`: the event happened on `streak` consecutive calendar days. */
export interface StreakRule extends EventRuleBase {
  streak: number;
}
/** Every sub-rule met. */
export interface AllRule {
  all: Rule[];
}
/** At least one sub-rule met. */
export interface AnyRule {
  any: Rule[];
}
/** All these milestones achieved. */
export interface MilestonesRule {
  milestones: string[];
}

export type EventRule = CountRule | SumRule | DistinctRule | StreakRule;
export type Rule = EventRule | AllRule | AnyRule | MilestonesRule;

export type Stage = 'onboarding' | 'value' | 'adoption' | 'growth' | 'advocacy';

export interface Badge {
  name: string;
  icon?: string;
}

export interface NextStep {
  label: string;
  /** http(s) or relative URL. */
  href?: string;
}

/** ROI: each unit of progress saves `per` `unit`s of time, worth `rate` `currency` per hour. */
export interface ValueDefinition {
  per: number;
  unit?: 'minutes' | 'hours';
  rate?: number;
  currency?: string;
}

export interface Benchmark {
  /** Day (since start) by which typical users reach this milestone. */
  typicalDays?: number;
  /** This user's percentile among peers, 0..100. */
  percentile?: number;
}

export type Celebrate = 'confetti' | 'toast' | 'none';

/**
 * A milestone, as plain JSON so a backend can serve it.
 *
 * @example
 * const def: MilestoneDefinition = {
 *   id: 'ten-tasks', title: 'Complete 10 tasks',
 *   rule: { event: 'task_completed', count: 10 },
 * };
 */
export interface MilestoneDefinition {
  id: string;
  title: string;
  description?: string;
  stage?: Stage;
  rule: Rule;
  requires?: string[];
  due?: Duration;
  badge?: Badge;
  next?: NextStep;
  celebrate?: Celebrate;
  /** waymark-server sends a celebration email (an account-scope one: a team announcement). The SDK ignores it. */
  email?: boolean;
  value?: ValueDefinition;
  benchmark?: Benchmark;
  /** Trait name to the allowed value or values. */
  segment?: Record<string, JsonValue | JsonValue[]>;
  scope?: 'user' | 'account';
}

/**
 * An ordered group of milestones, shown as a checklist.
 *
 * @example
 * const level: LevelDefinition = { id: 'getting-started', title: 'Getting started', milestones: ['first-project'] };
 */
export interface LevelDefinition {
  id: string;
  title: string;
  milestones: string[];
  badge?: Badge;
  /** This level's milestones stay locked until the previous level is complete. */
  sequential?: boolean;
}

export type MilestoneStatus = 'locked' | 'active' | 'achieved' | 'overdue';

/** ROI figures for a milestone with `value`, ready for formatting. */
export interface MilestoneValue {
  /** Units of progress done (the milestone's `current`). */
  units: number;
  /** Time saved, in minutes. */
  minutesSaved: number;
  /** Money saved, when the definition has a `rate`. */
  moneySaved?: number;
  currency?: string;
}

/** What a milestone looks like now. */
export interface MilestoneState {
  id: string;
  title: string;
  description?: string;
  stage?: Stage;
  /** Id of the first level that lists this milestone. */
  level?: string;
  status: MilestoneStatus;
  current: number;
  target: number;
  /** min(1, current / target); 1 once achieved. */
  ratio: number;
  /** Epoch milliseconds. */
  achievedAt?: number;
  /** Epoch milliseconds at which the milestone becomes overdue. */
  due?: number;
  badge?: Badge;
  next?: NextStep;
  value?: MilestoneValue;
  benchmark?: Benchmark;
  celebrate: Celebrate;
  scope: 'user' | 'account';
  /** While `locked`: ids of the milestones (or the previous level) still needed. */
  lockedBy?: string[];
}

/** What a level looks like now. */
export interface LevelState {
  id: string;
  title: string;
  /** Milestones achieved in this level. */
  achieved: number;
  total: number;
  ratio: number;
  complete: boolean;
  badge?: Badge;
  /** Ids of the visible milestones in this level, in order. */
  milestones: string[];
  /** A sequential level whose previous level is not complete. */
  locked: boolean;
}

/** A problem reported through the `error` event. */
/**
 * What an error is about, as `WaymarkError.code`. The client reports these; `report()` also takes codes of the
 * host's own, so the type stays open to any other string.
 *
 * @example
 * wm.on('error', (e) => { if (e.code === 'identity_rejected') refreshToken(e.userId); });
 */
export type WaymarkErrorCode =
  // Set-up: options and definitions.
  | 'invalid_option'
  | 'invalid_definition'
  | 'definition_warning'
  // Calls: arguments, events and their properties.
  | 'invalid_argument'
  | 'invalid_property'
  | 'payload_too_large'
  | 'unknown_event'
  | 'listener_error'
  | 'internal_error'
  // Storage.
  | 'storage_unavailable'
  | 'storage_error'
  | 'storage_corrupt'
  // Sending and the backend.
  | 'sync_unavailable'
  | 'queue_overflow'
  | 'event_too_large'
  | 'event_rejected'
  | 'sync_rejected'
  | 'sync_gave_up'
  | 'identity_rejected'
  | 'pull_failed'
  // The widget, reported through the client.
  | 'widget_unavailable'
  | 'widget_error'
  | 'confetti_unavailable'
  | 'unknown_milestone'
  | 'unknown_level';

export interface WaymarkError {
  /** Machine-readable, e.g. `invalid_definition`, `invalid_argument`, `storage_unavailable`, `identity_rejected`. */
  code: WaymarkErrorCode | (string & {});
  message: string;
  /** Where in the input, e.g. `milestones[3].rule.count`. */
  path?: string;
  /** `identity_rejected`: the user whose token the backend refused (call `identify(userId, traits, { token })` with a new one). */
  userId?: string;
}

/**
 * This user's standing across all milestones, as the backend compares it (`overall` in `GET /v1/state`), with the
 * number of milestones this user achieved. Each comparison is absent where the backend had too few others to compare.
 *
 * @example
 * const o = wm.overall(); // { percentile: 80, typicalAtThisAge: 5, achieved: 3 }
 * if (o?.typicalAtThisAge !== undefined) show(`Most teams at your stage have completed ${o.typicalAtThisAge}; you've done ${o.achieved}`);
 */
export interface OverallState {
  /** Share of users (or accounts) this one is ahead of, 0..100: "You're in the top 20%" is a percentile of 80. */
  percentile?: number;
  /** How many milestones typical users had achieved at this user's age. */
  typicalAtThisAge?: number;
  /** How many of the milestones shown to this user are achieved. */
  achieved: number;
}

/** Why `stalled` fired: a due date passed, or no milestone was achieved for `stalledAfter`. */
export interface StalledInfo {
  reason: 'overdue' | 'quiet';
}

export interface WaymarkEvents {
  achieved: (milestone: MilestoneState) => void;
  progress: (milestone: MilestoneState) => void;
  unlocked: (milestone: MilestoneState) => void;
  stalled: (milestone: MilestoneState, info: StalledInfo) => void;
  change: () => void;
  error: (error: WaymarkError) => void;
}

export type WaymarkEventName = keyof WaymarkEvents;

/** Trait and property maps accepted from the host app; sanitised before use. */
export type Traits = Record<string, unknown>;

export type Consent = 'granted' | 'pending' | 'denied';

/**
 * A key-value store the engine persists through. The browser build passes IndexedDB
 * (idb-keyval); tests and servers pass memory or their own.
 *
 * @example
 * const storage: WaymarkStorage = createMemoryStorage();
 */
export interface WaymarkStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Atomically stores `value` only when `key` holds nothing; resolves whether it did. */
  setIfAbsent(key: string, value: unknown): Promise<boolean>;
  /**
   * Atomic read-modify-write (IndexedDB: one readwrite transaction), so tabs appending to one outbox never lose
   * each other's writes. Optional for custom storages: without it, a get and a set are used.
   */
  update?(key: string, updater: (old: unknown) => unknown): Promise<void>;
  /**
   * Every key stored. Optional: with it, tabs closed in the same instant each keep their unsent events
   * (each writes them under its own key on pagehide); without it they share one key and the last write wins.
   */
  keys?(): Promise<string[]>;
}

/**
 * Milestone and level definitions together, as a definitions file holds them, `/v1/state` serves them and
 * `setDefinitions` takes them.
 *
 * @example
 * const definitions: Definitions = {
 *   milestones: [{ id: 'first-task', title: 'Complete a task', rule: { event: 'task_completed' } }],
 *   levels: [{ id: 'basics', title: 'Basics', milestones: ['first-task'] }],
 * };
 * wm.setDefinitions(definitions);
 */
export interface Definitions {
  milestones?: MilestoneDefinition[];
  levels?: LevelDefinition[];
}

/**
 * Options of `createWaymark`. Only `projectKey` is required; a bad option is reported as an `invalid_option` error
 * and replaced by a safe default, so the client always works.
 *
 * @example
 * const options: WaymarkOptions = { projectKey: 'pk_demo', milestones, endpoint: 'https://api.example.com/waymark' };
 */
export interface WaymarkOptions {
  /**
   * Names the app to the backend and namespaces its storage: letters, digits and `_ . : -`, up to 100.
   * @example projectKey: 'pk_demo'
   */
  projectKey: string;
  /**
   * The milestones to evaluate, validated on start (each bad one is reported and left out).
   * @example milestones: [{ id: 'ten-tasks', title: 'Complete 10 tasks', rule: { event: 'task_completed', count: 10 } }]
   */
  milestones?: MilestoneDefinition[];
  /**
   * Ordered groups of milestones, celebrated when complete.
   * @example levels: [{ id: 'basics', title: 'Basics', milestones: ['ten-tasks'] }]
   */
  levels?: LevelDefinition[];
  /**
   * The backend's base URL (or a path on this origin); without it nothing leaves the browser.
   * @example endpoint: 'https://api.example.com/waymark'
   */
  endpoint?: string;
  /**
   * The user, when known at start; or call `identify()` later.
   * @example userId: 'u_123'
   */
  userId?: string;
  /**
   * The user's traits, used by `segment` in definitions and sent with `identify`.
   * @example traits: { plan: 'pro' }
   */
  traits?: Traits;
  /**
   * `'indexeddb'` (default), `'memory'` (tests, privacy mode: nothing kept after the page), or your own `WaymarkStorage`.
   * @example storage: 'memory'
   */
  storage?: 'indexeddb' | 'memory' | WaymarkStorage;
  /**
   * `'granted'` (default); `'pending'` evaluates locally and queues with no network at all; `'denied'` queues nothing.
   * @example consent: 'pending'
   */
  consent?: Consent;
  /**
   * The clock, epoch milliseconds; injectable for tests. One that throws or returns a non-number falls back to the real one.
   * @example now: () => Date.parse('2026-11-01T09:00:00Z')
   */
  now?: () => number;
  /**
   * How batches reach the backend; `fetch` by default. For proxies, custom backends, or forwarding to an analytics tool.
   * @example transport: createFetchTransport({ headers: { 'x-api-version': '1' } })
   */
  transport?: Transport;
  /**
   * Fire `stalled` (reason `quiet`) when no milestone was achieved for this long. Default `'30d'`; `false` turns it off.
   * @example stalledAfter: '14d'
   */
  stalledAfter?: Duration | false;
  /**
   * Proves `userId` (or, without it, the user restored from storage) to the backend: a token your backend signed
   * (`signUserToken` in waymark-server). Kept in memory only, never stored: pass it again after a reload.
   * @example userToken: await (await fetch('/api/waymark-token')).text()
   */
  userToken?: string;
}

/** Options of `identify`. */
export interface IdentifyOptions {
  /**
   * A token proving this `userId` to the backend, or a fresh one after an `identity_rejected` error. Kept in memory
   * only. Identifying the current user again with only a new token sends no `identify` event.
   */
  token?: string;
}

export interface TrackOptions {
  /** When the event happened: epoch ms, a Date or an ISO string. Defaults to now. */
  timestamp?: number | Date | string;
}

/**
 * The client returned by `createWaymark`. No method ever throws: bad input becomes an `error` event and everything
 * else keeps working. Calls made before `ready` wait, in order.
 *
 * @example
 * const wm = createWaymark({ projectKey: 'pk_demo', milestones });
 * wm.track('task_completed');
 */
export interface Waymark {
  /**
   * Resolves once persisted state is restored (and calls made before it have run). Never rejects.
   * @example await wm.ready; render(wm.milestones());
   */
  readonly ready: Promise<void>;
  /**
   * Records an event: evaluated locally at once, queued for the backend with an `endpoint`. Properties are cleaned
   * (reported, never thrown) and copied, so later changes by the host don't leak in.
   * @example wm.track('task_completed', { feature: 'kanban', amount: 42 });
   */
  track(event: string, properties?: Traits, options?: TrackOptions): void;
  /**
   * Names the user: anonymous progress carries over, another user's progress is switched to. `options.token` proves
   * the user to the backend. The same user again sends an `identify` event only when the traits change something.
   * @example wm.identify('u_123', { plan: 'pro' }, { token });
   */
  identify(userId: string, traits?: Traits, options?: IdentifyOptions): void;
  /**
   * Puts the user in an account (team), for account-scope milestones; sent with every event from now on.
   * @example wm.group('acct_9', { seats: 12 });
   */
  group(accountId: string, traits?: Traits): void;
  /**
   * Every milestone shown to this user, in definition order; `[]` before `ready`. The same array until something changes.
   * @example const done = wm.milestones().filter((m) => m.status === 'achieved').length;
   */
  milestones(): MilestoneState[];
  /**
   * One milestone by id; `undefined` when unknown, hidden by `segment`, or before `ready`.
   * @example wm.milestone('ten-tasks')?.ratio; // 0.3
   */
  milestone(id: string): MilestoneState | undefined;
  /**
   * Every level, in definition order, with its progress; `[]` before `ready`.
   * @example const current = wm.levels().find((l) => !l.complete);
   */
  levels(): LevelState[];
  /**
   * This user's standing from the backend (`overall` in `/v1/state`); `undefined` until a pull brought one. A stable
   * snapshot between changes.
   * @example const percentile = wm.overall()?.percentile;
   */
  overall(): OverallState | undefined;
  /**
   * Listens for one event (`achieved`, `progress`, `unlocked`, `stalled`, `change`, `error`); returns the unsubscribe.
   * A listener that throws is reported as `listener_error`, never thrown into the page.
   * @example const off = wm.on('achieved', (m) => toast(`🎉 ${m.title}`));
   */
  on<E extends WaymarkEventName>(event: E, listener: WaymarkEvents[E]): () => void;
  /**
   * Calls `listener` after any change (coalesced to one call per microtask); returns the unsubscribe. Fits
   * React's `useSyncExternalStore`.
   * @example const state = useSyncExternalStore(wm.subscribe, wm.milestones);
   */
  subscribe(listener: () => void): () => void;
  /**
   * Claims celebrating milestone (or `level:{id}`) `id`: true exactly once per user and milestone, across tabs and
   * reloads, so a celebration shows once.
   * @example if (await wm.claimCelebration(m.id)) confetti();
   */
  claimCelebration(id: string): Promise<boolean>;
  /**
   * Replaces all definitions, for example with ones fetched at runtime. They are validated like the initial ones;
   * progress and achievements are kept.
   * @example wm.setDefinitions(await (await fetch('/milestones.json')).json());
   */
  setDefinitions(definitions: Definitions): void;
  /**
   * Writes state and sends what is queued now, without waiting out a retry backoff; resolves once each request it
   * made was answered or failed. Never rejects.
   * @example await wm.flush(); // before navigating away on purpose
   */
  flush(): Promise<void>;
  /**
   * Reports a problem found outside the client (the widget, an integration) as the client's own: to `error`
   * listeners, or once on the console when there are none.
   *
   * @example
   * wm.report({ code: 'widget_unavailable', message: 'the widget could not load; progress is still tracked' });
   */
  report(error: WaymarkError): void;
  /**
   * Changes consent: `'granted'` sends what was queued (and pulls the backend's state), `'pending'` queues with no
   * network, `'denied'` drops the queue and queues nothing more. Progress is evaluated locally in every case.
   * @example cookieBanner.onAccept(() => wm.setConsent('granted'));
   */
  setConsent(consent: Consent): void;
  /**
   * Logs out: deletes this user's local state and claims and starts a new anonymous user. Never rejects.
   * @example await wm.reset();
   */
  reset(): Promise<void>;
  /**
   * Writes pending state, then removes listeners, timers and channels; later calls are ignored with a console warning.
   * @example useEffect(() => () => wm.destroy(), []);
   */
  destroy(): void;
}
