import { createEngine, type EngineOptions } from '../engine/createEngine';
import { createSaver } from './createSaver';
import { createUsers, type Identity } from './createUsers';
import { describeToken, isToken } from './isToken';
import { mergeDefinitions } from './mergeDefinitions';
import type { ClientParts, Platform } from './Platform';
import { describe, type ResolvedOptions } from './readOptions';
import { isUnsendable, sanitizeProperties } from './sanitizeProperties';
import { shareWithTabs } from './shareWithTabs';
import type {
  Consent,
  Definitions,
  MilestoneState,
  OverallState,
  Properties,
  WaymarkError,
  WaymarkStorage,
} from '../types';
import type { RemoteState, Sync, WireEvent } from '../sync/types';
import { validateDefinitions } from '../engine/validateDefinitions';

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

export type Session = Awaited<ReturnType<typeof createSession>>;

/** How old the last pull of `/v1/state` may be when the page is shown again before it is pulled again: 5 minutes. */
const STALE_AFTER = 5 * 60_000;

// cyrb53: a 53-bit string hash, short enough for an event id (the backend takes 100 characters).
const hash = (text: string) => {
  let a = 0xdeadbeef;
  let b = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return (4294967296 * (2097151 & b) + (a >>> 0)).toString(36);
};

/**
 * The stateful half of a client, loaded on start: validates definitions, restores the user's state from storage,
 * runs the engine, coalesces writes, switches users, shares events with the other tabs and, with an `endpoint`,
 * syncs. `createWaymark` is the thin, synchronous half in front of it.
 *
 * @example
 * const session = await createSession({ options_, platform_, loadSync_, report, emit, listens, changed_, hold_, run_ });
 * session.track('task_completed', {}, Date.now());
 */
export async function createSession(s: SessionOptions) {
  const { options_: o, report, platform_: platform } = s;
  const storage: WaymarkStorage =
    typeof o.storage === 'string'
      ? platform.openStorage(o.storage, (message) => report({ code: 'storage_unavailable', message }))
      : o.storage;
  const now = o.now;
  const prefix = `wm:${o.projectKey}:`;
  // Applying what the backend says was achieved: not sent back to it.
  let merging = false;
  let sync: Sync | undefined;
  const wire = (
    type: WireEvent['type'],
    name?: string,
    properties?: Properties,
    at = now(),
    userId = users.identity_().userId,
  ): WireEvent => ({
    id: '',
    type,
    name,
    properties,
    userId,
    anonymousId: users.identity_().anonymousId,
    accountId: engine.doc().accountId,
    timestamp: new Date(at).toISOString(),
  });
  const send = (...args: Parameters<typeof wire>) => sync?.enqueue(wire(...args));

  const saver = createSaver(
    () => storage.set(users.docKey_(), engine.doc()),
    100,
    (error) => report({ code: 'storage_error', message: `could not save state: ${String(error)}` }),
  );
  const engine = createEngine({
    now,
    report,
    emit(event, m, info) {
      // Every tab that sees an achievement claims sending it (whichever tab's events completed it); the one claim that
      // succeeds enqueues it, under one id per user and milestone. What the backend said was achieved is not sent back.
      if (event === 'achieved' && !merging && sync) {
        const e = wire('achieved', m.id, undefined, m.achievedAt);
        e.id = 'a.' + hash(users.docKey_() + '\n' + m.id);
        users.claimSend_(m.id).then(
          (mine) => mine && sync!.enqueue(e),
          (error) => report({ code: 'storage_error', message: `could not claim sending ${m.id}: ${String(error)}` }),
        );
      }
      s.emit(event, m, info);
    },
    listens: (event) => (event === 'achieved' && !!sync) || s.listens(event),
    changed() {
      saver.schedule_();
      s.changed_();
    },
    stalledAfter: o.stalledAfter,
  });

  let local: { milestones?: unknown; levels?: unknown } = { milestones: o.milestones, levels: o.levels };
  let remote: RemoteState | undefined;
  const define = () => {
    const checked = validateDefinitions(mergeDefinitions(local, remote));
    for (const e of checked.errors) report({ code: 'invalid_definition', ...e });
    for (const w of checked.warnings) report({ code: 'definition_warning', ...w });
    engine.define(checked.milestones, checked.levels);
  };

  const users = createUsers({ storage, prefix, now, randomId: platform.randomId, report, engine, flush: saver.flush });

  // The identity whose last pull was answered: a new token for it needs no pull again.
  let pulled: Identity | undefined;
  // When the last pull was asked for (the client's clock): a page shown again after a while pulls again.
  let pulledAt = -Infinity;
  let consent = o.consent;
  // This user's standing from the last pull, and the snapshot `overall()` built from it.
  let standing: { who: Identity; figures: NonNullable<RemoteState['overall']> } | undefined;
  let overall: { from: typeof standing; list: MilestoneState[]; state: OverallState } | undefined;
  const pull = (who = users.identity_()) => {
    pulledAt = now();
    return sync?.pull(who).then(
      (state) =>
        state &&
        s.run_(() => {
          // An answer about a user this client has since left is not applied.
          if (who !== users.identity_()) return;
          pulled = who;
          standing = state.overall && { who, figures: state.overall };
          remote = state;
          define();
          const achieved: Record<string, number> = {};
          for (const [id, at] of Object.entries(state.achieved || {}))
            if (Number.isFinite(Date.parse(at))) achieved[id] = Date.parse(at);
          const started = Date.parse(state.startedAt!);
          merging = true;
          try {
            engine.mergeAchieved(achieved, Number.isFinite(started) ? started : undefined);
          } finally {
            merging = false;
          }
        }),
    );
  };

  // Names and ids are refused rather than cleaned: a changed id would be someone else's, a changed name another event.
  const unsendable = (path: string, value: string) => {
    if (!isUnsendable(value)) return false;
    report({
      code: path === 'userId' ? 'invalid_option' : 'invalid_argument',
      path,
      message: `${describe(value)} holds a NUL character or a lone surrogate, which cannot be sent; ignored`,
    });
    return true;
  };
  const clean = (value: unknown, path: string) =>
    value === undefined ? undefined : sanitizeProperties(value, report, path);
  // Only tabs sharing one IndexedDB share progress; a memory store (a server, a test) is this client's alone.
  const tabs =
    o.storage === 'indexeddb'
      ? shareWithTabs({
          name: prefix + 'state',
          channel: platform.openTabChannel,
          tabId: platform.randomId(),
          engine,
          docKey: users.docKey_,
          run: s.run_,
          reload: () =>
            void s.hold_(async () => {
              saver.cancel_();
              tabs!.join();
              await users.load();
            }),
        })
      : undefined;
  tabs?.join();

  // A sync that cannot be loaded (its chunk missing from a stale deploy) costs the sending, not the progress: the
  // client runs locally and says why. The user is read meanwhile, so that the sync's first request
  // already carries the user's token.
  const [parts] = await Promise.all([
    o.endpoint
      ? s.loadSync_().catch((error) =>
          report({
            code: 'sync_unavailable',
            message: `could not load the sync, nothing is sent from this page: ${String(error?.message ?? error)}`,
          }),
        )
      : undefined,
    users.loadIdentity_(),
  ]);
  if (parts) {
    const { createSync, createTransport, createSyncPlatform } = parts;
    const network = createSyncPlatform();
    // Tabs share an outbox only through IndexedDB (or a storage of the page's own): then one of them sends and they
    // talk over the tab channel. A memory store (privacy mode, a server) or an IndexedDB missing (SSR) is this
    // client's alone: it sends its own events and tells no one (not even a token, to another request's client).
    const shared = o.storage !== 'memory' && platform.sharesStorage(o.storage === 'indexeddb' ? 'indexeddb' : 'custom');
    sync = createSync({
      endpoint: o.endpoint!,
      projectKey: o.projectKey,
      storage,
      transport: o.transport || createTransport(),
      platform: shared ? network : { online: network.online, onOnline: network.onOnline },
      randomId: platform.randomId,
      now,
      consent: o.consent,
      report,
    });
  }
  if (o.userId && unsendable('userId', o.userId)) o.userId = undefined;
  const initialUser = o.userId || users.identity_().userId;
  if (o.userToken !== undefined) {
    if (!isToken(o.userToken))
      report({
        code: 'invalid_option',
        path: 'userToken',
        message: `expected a token string of 1 to 8192 characters, got ${describeToken(o.userToken)}`,
      });
    else if (!initialUser)
      report({
        code: 'invalid_option',
        path: 'userToken',
        message: 'a token without a userId (none given, none stored) proves no one; ignored',
      });
    else sync?.setToken(initialUser, o.userToken);
  }
  await users.load();
  define();
  const traits = clean(o.traits, 'traits');
  if (o.userId && o.userId !== users.identity_().userId) await users.switchTo_(o.userId, traits);
  else if (traits) engine.setTraits(traits);
  void pull();
  const unwatch = platform.watchPage({
    hide(leaving) {
      void saver.flush(leaving);
      void sync?.flush({ keepalive: true, leaving });
    },
    tick: () => s.run_(engine.tick),
    // A teammate's account milestone, another device's achievement: shown without a reload, with no polling timer.
    show() {
      if (now() - pulledAt >= STALE_AFTER) s.run_(() => void pull());
    },
  });

  return {
    engine,
    track(name: string, props: unknown, at: number, timestamp?: unknown) {
      if (unsendable('track', name)) return;
      let ts = at;
      if (timestamp !== undefined) {
        const t = timestamp;
        ts = typeof t === 'number' ? t : t instanceof Date ? t.getTime() : typeof t === 'string' ? Date.parse(t) : NaN;
        if (!Number.isFinite(ts)) {
          report({
            code: 'invalid_argument',
            path: 'track.options.timestamp',
            message: `expected epoch ms, a Date or an ISO string, got ${describe(t)}; using the time of the call`,
          });
          ts = at;
        }
      }
      const p = clean(props, 'properties') || {};
      send('track', name, p, ts);
      engine.track(name, p, ts);
      tabs?.send(name, p, ts);
    },
    identify(userId: string, rawTraits?: unknown, token?: unknown) {
      if (unsendable('identify', userId)) return;
      const traits = clean(rawTraits, 'traits');
      if (token !== undefined && !isToken(token)) {
        report({
          code: 'invalid_argument',
          path: 'identify.options.token',
          message: `expected a token string of 1 to 8192 characters, got ${describeToken(token)}; identified without it`,
        });
        token = undefined;
      }
      // Set first: the identify event itself goes with the token.
      if (token !== undefined) sync?.setToken(userId, token as string);
      if (users.identity_().userId !== userId) {
        send('identify', undefined, traits, now(), userId);
        void s.hold_(async () => {
          await users.switchTo_(userId, traits);
          tabs?.changedUser();
          void pull();
        });
        return;
      }
      // The same user again: an identify event only for traits that change something; a token alone just refreshes.
      const known = engine.doc().traits;
      if (traits && Object.keys(traits).some((k) => JSON.stringify(traits[k]) !== JSON.stringify(known[k]))) {
        send('identify', undefined, traits, now(), userId);
        engine.setTraits(traits);
      }
      // A new token for a user whose state could not be read (refused, say) reads it now.
      if (token !== undefined && pulled !== users.identity_()) void pull();
    },
    group(accountId: string, traits?: unknown) {
      if (unsendable('group', accountId)) return;
      engine.setAccount(accountId);
      saver.schedule_();
      send('group', undefined, clean(traits, 'traits'));
    },
    setDefinitions(json: unknown) {
      // Input that is not definitions at all leaves the current ones in place.
      if (!json || typeof json !== 'object')
        return report({
          code: 'invalid_definition',
          path: '',
          message: `expected { milestones, levels } or an array, got ${describe(json)}`,
        });
      try {
        local = Array.isArray(json)
          ? { milestones: json }
          : { milestones: (json as Definitions).milestones, levels: (json as Definitions).levels };
      } catch {
        return report({ code: 'invalid_definition', path: '', message: 'definitions could not be read' });
      }
      define();
    },
    /** `overall` from the last pull for this user, with the achieved count; the same object until either changes. */
    overall(): OverallState | undefined {
      if (!standing || standing.who !== users.identity_()) return undefined;
      const list = engine.milestones();
      if (overall?.from !== standing || overall.list !== list)
        overall = {
          from: standing,
          list,
          state: { ...standing.figures, achieved: list.filter((m) => m.status === 'achieved').length },
        };
      return overall.state;
    },
    claim: users.claim,
    flush: async () => {
      await saver.flush(false);
      await sync?.flush();
    },
    setConsent(next: Consent) {
      sync?.setConsent(next);
      // Until consent, nothing was pulled: the backend's definitions and other devices' achievements come now.
      if (next === 'granted' && consent !== 'granted') void pull();
      consent = next;
    },
    reset: () =>
      s.hold_(async () => {
        saver.cancel_();
        await saver.flush();
        await users.reset();
        tabs?.changedUser();
      }),
    destroy() {
      unwatch();
      void saver.flush();
      sync?.destroy();
      tabs?.close();
    },
  };
}
