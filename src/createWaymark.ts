import { createEmitter } from './createEmitter';
import { createEngine } from './createEngine';
import { createIdbStorage } from './createIdbStorage';
import { createMemoryStorage } from './createMemoryStorage';
import { createSaver } from './createSaver';
import { describe, readOptions } from './readOptions';
import { sanitizeProperties } from './sanitizeProperties';
import type { Consent, Properties, TrackOptions, Waymark, WaymarkError, WaymarkEvents, WaymarkOptions, WaymarkStorage } from './types';
import { createUserDoc, mergeUserDocs, readUserDoc, type UserDoc } from './userDoc';
import { validateDefinitions } from './validateDefinitions';
import { watchPage } from './watchPage';

interface Identity {
  anonymousId: string;
  userId?: string;
}

const newId = () =>
  typeof crypto === 'object' && crypto.randomUUID ? crypto.randomUUID() : Math.random().toString(36).slice(2) + Date.now().toString(36);

/**
 * Creates a waymark client: evaluates milestones locally, keeps progress in IndexedDB, and never throws.
 *
 * @example
 * const wm = createWaymark({
 *   projectKey: 'pk_demo',
 *   milestones: [{ id: 'ten-tasks', title: 'Complete 10 tasks', rule: { event: 'task_completed', count: 10 } }],
 * });
 * wm.on('achieved', (m) => console.log('🎉', m.title));
 * wm.track('task_completed');
 */
export function createWaymark(input: WaymarkOptions): Waymark {
  let destroyed = false;
  let early: WaymarkError[] | undefined = [];
  const warned = new Set<string>();
  const warn = (e: WaymarkError) => {
    const text = `[waymark] ${e.path ? e.path + ': ' : ''}${e.message}`;
    if (!warned.has(text) && warned.size < 100 && typeof console === 'object') warned.add(text), console.warn(text);
  };
  const emitter = createEmitter<WaymarkEvents>((event, error) => {
    const e = { code: 'listener_error', message: `a "${String(event)}" listener threw: ${String(error)}` };
    // A throwing error listener is told about on the console, not fed its own error.
    event === 'error' ? warn(e) : report(e);
  });
  const report = (e: WaymarkError) => {
    if (destroyed) return;
    if (early) {
      early.push(e);
      warn(e);
    } else if (emitter.has('error')) emitter.emit('error', e);
    else if (e.code !== 'unknown_event') warn(e);
  };
  // Errors found while creating the client reach listeners attached in the same tick.
  queueMicrotask(() => {
    const list = early!;
    early = undefined;
    for (const e of list) emitter.emit('error', e);
  });

  const o = readOptions(input, report);
  const now = o.now;
  const storage: WaymarkStorage =
    o.storage === 'memory'
      ? createMemoryStorage()
      : o.storage === 'indexeddb'
        ? createIdbStorage({ onFallback: (message) => report({ code: 'storage_unavailable', message }) })
        : o.storage;
  const prefix = `wm:${o.projectKey}:`;
  let identity: Identity = { anonymousId: newId() };
  const docKey = () => prefix + (identity.userId ? 'u:' + identity.userId : 'a:' + identity.anonymousId);
  const claimKey = (key: string, id: string) => `${key}:claim:${id}`;

  let notifyQueued = false;
  const subscribers = new Set<() => void>();
  const notify = () => {
    notifyQueued = false;
    if (destroyed) return;
    emitter.emit('change');
    for (const fn of [...subscribers])
      try {
        fn();
      } catch (error) {
        report({ code: 'listener_error', message: `a subscriber threw: ${String(error)}` });
      }
  };
  const saver = createSaver(
    () => storage.set(docKey(), engine.doc()),
    100,
    (error) => report({ code: 'storage_error', message: `could not save state: ${String(error)}` }),
  );
  const engine = createEngine({
    now,
    report,
    emit: (event, state, info) => (emitter.emit as any)(event, state, info),
    listens: (event) => emitter.has(event),
    changed() {
      saver.schedule();
      if (!notifyQueued) (notifyQueued = true), queueMicrotask(notify);
    },
    stalledAfter: o.stalledAfter,
  });

  const checked = validateDefinitions({ milestones: o.milestones ?? [], levels: o.levels ?? [] });
  for (const e of checked.errors) report({ code: 'invalid_definition', ...e });
  for (const w of checked.warnings) report({ code: 'definition_warning', ...w });
  engine.define(checked.milestones, checked.levels);

  // Operations wait in order while a user's state loads; `queue` is undefined when live.
  let queue: (() => void)[] | undefined;
  const run = (op: () => void) => (queue ? queue.push(op) : op());
  const settled = () => new Promise<void>((resolve) => run(resolve));
  const hold = (task: () => Promise<void>) => {
    queue = [];
    return task()
      .catch((error) => report({ code: 'internal_error', message: String(error) }))
      .then(() => {
        const ops = queue!;
        queue = undefined;
        while (ops.length) {
          ops.shift()!();
          // An operation that starts another load (identify) gets the rest queued behind it.
          if (queue) return void (queue as (() => void)[]).push(...ops);
        }
      });
  };
  const loadDoc = async (key: string): Promise<UserDoc | undefined> => {
    const doc = readUserDoc(await storage.get(key));
    if (doc instanceof Error) report({ code: 'storage_corrupt', message: `discarded stored state: ${doc.message}` });
    else return doc;
  };
  const saveIdentity = () => storage.set(prefix + 'id', identity);

  const switchUser = (userId: string, traits?: Properties) => {
    if (identity.userId === userId) return traits && engine.setTraits(traits);
    hold(async () => {
      await saver.flush();
      const from = docKey();
      const anonymous = !identity.userId;
      const previous = engine.doc();
      identity = { anonymousId: identity.anonymousId, userId };
      const to = docKey();
      let doc = await loadDoc(to);
      if (anonymous) {
        doc = doc ? mergeUserDocs(doc, previous) : previous;
        await Promise.all(
          engine.ids().map(async (id) => {
            if ((await storage.get(claimKey(from, id))) !== undefined) await storage.setIfAbsent(claimKey(to, id), now());
            await storage.del(claimKey(from, id));
          }),
        );
        await storage.del(from);
      }
      doc ||= createUserDoc(now());
      if (traits) doc.traits = { ...doc.traits, ...traits };
      await saveIdentity();
      engine.load(doc);
    });
  };

  hold(async () => {
    const stored = (await storage.get(prefix + 'id')) as Identity | undefined;
    if (stored && typeof stored.anonymousId === 'string') identity = stored;
    else await saveIdentity();
    engine.load((await loadDoc(docKey())) || createUserDoc(now()));
  });
  const traits = o.traits === undefined ? undefined : sanitizeProperties(o.traits, report, 'traits');
  if (o.userId) run(() => switchUser(o.userId!, traits));
  else if (traits) run(() => engine.setTraits(traits));
  const ready = settled();
  const unwatch = watchPage(() => void saver.flush(), () => run(engine.tick));

  const alive = (method: string) => {
    if (destroyed && typeof console === 'object') console.warn(`[waymark] ${method}() called after destroy(); ignored`);
    return !destroyed;
  };
  const guard =
    <A extends unknown[], R>(method: string, fn: (...args: A) => R, fallback: R) =>
    (...args: A): R => {
      try {
        return alive(method) ? fn(...args) : fallback;
      } catch (error) {
        report({ code: 'internal_error', message: `${method}(): ${String(error)}` });
        return fallback;
      }
    };
  const id = (method: string, value: unknown): value is string => {
    if (typeof value === 'string' && value.length > 0 && value.length <= 200) return true;
    report({ code: 'invalid_argument', path: method, message: `expected a non-empty string of at most 200 characters, got ${describe(value)}` });
    return false;
  };
  const timestampOf = (options: TrackOptions | undefined): number => {
    const t = options && typeof options === 'object' ? options.timestamp : undefined;
    if (t === undefined) return now();
    const ms = typeof t === 'number' ? t : t instanceof Date ? t.getTime() : typeof t === 'string' ? Date.parse(t) : NaN;
    if (isFinite(ms)) return ms;
    report({ code: 'invalid_argument', path: 'track.options.timestamp', message: `expected epoch ms, a Date or an ISO string, got ${describe(t)}; using now` });
    return now();
  };
  const guardAsync =
    <A extends unknown[], R>(method: string, fn: (...args: A) => Promise<R>, fallback: R) =>
    (...args: A): Promise<R> =>
      guard(method, (...a: A) => fn(...a).catch((error) => (report({ code: 'internal_error', message: `${method}(): ${String(error)}` }), fallback)), Promise.resolve(fallback))(...args);

  return {
    ready,
    track: guard(
      'track',
      (name: string, properties?: Record<string, unknown>, options?: TrackOptions) => {
        if (!id('track', name)) return;
        const props = sanitizeProperties(properties, report, 'properties');
        const ts = timestampOf(options);
        run(() => engine.track(name, props, ts));
      },
      undefined,
    ),
    identify: guard(
      'identify',
      (userId: string, traits?: Record<string, unknown>) => {
        if (!id('identify', userId)) return;
        const t = traits === undefined ? undefined : sanitizeProperties(traits, report, 'traits');
        run(() => switchUser(userId, t));
      },
      undefined,
    ),
    group: guard(
      'group',
      (accountId: string, traits?: Record<string, unknown>) => {
        if (!id('group', accountId)) return;
        if (traits !== undefined) sanitizeProperties(traits, report, 'traits');
        run(() => {
          engine.doc().accountId = accountId;
          saver.schedule();
        });
      },
      undefined,
    ),
    milestones: guard('milestones', () => engine.milestones(), []),
    milestone: guard('milestone', (mid: string) => engine.milestones().find((m) => m.id === mid), undefined),
    levels: guard('levels', () => engine.levels(), []),
    on: guard(
      'on',
      (event, listener) => {
        if (typeof listener !== 'function' || !['achieved', 'progress', 'unlocked', 'stalled', 'change', 'error'].includes(event)) {
          report({ code: 'invalid_argument', path: 'on', message: `expected an event name (achieved, progress, unlocked, stalled, change, error) and a function, got ${describe(event)}` });
          return () => {};
        }
        return emitter.on(event, listener);
      },
      () => {},
    ),
    subscribe: guard(
      'subscribe',
      (listener: () => void) => {
        if (typeof listener !== 'function') {
          report({ code: 'invalid_argument', path: 'subscribe', message: `expected a function, got ${describe(listener)}` });
          return () => {};
        }
        subscribers.add(listener);
        return () => void subscribers.delete(listener);
      },
      () => {},
    ),
    claimCelebration: guardAsync(
      'claimCelebration',
      async (mid: string) => {
        if (!id('claimCelebration', mid)) return false;
        await settled();
        return !destroyed && storage.setIfAbsent(claimKey(docKey(), mid), now());
      },
      false,
    ),
    flush: guardAsync('flush', async () => {
      await settled();
      await saver.flush();
    }, undefined),
    setConsent: guard(
      'setConsent',
      (consent: Consent) => {
        if (!['granted', 'pending', 'denied'].includes(consent))
          report({ code: 'invalid_argument', path: 'setConsent', message: `expected "granted", "pending" or "denied", got ${describe(consent)}` });
      },
      undefined,
    ),
    reset: guardAsync('reset', () => new Promise<void>((resolve) =>
      run(() =>
        void hold(async () => {
          saver.cancel();
          await saver.flush();
          const key = docKey();
          await Promise.all([storage.del(key), ...engine.ids().map((mid) => storage.del(claimKey(key, mid)))]);
          identity = { anonymousId: newId() };
          await saveIdentity();
          engine.load(createUserDoc(now()));
        }).then(resolve),
      ),
    ), undefined),
    destroy: guard(
      'destroy',
      () => {
        unwatch();
        void saver.flush();
        destroyed = true;
        emitter.clear();
        subscribers.clear();
      },
      undefined,
    ),
  };
}
