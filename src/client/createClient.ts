import { createEmitter } from './createEmitter';
import type { Session } from './createSession';
import type { ClientParts } from './Platform';
import { describe, readOptions } from './readOptions';
import type {
  Consent,
  IdentifyOptions,
  StalledInfo,
  TrackOptions,
  Waymark,
  WaymarkError,
  WaymarkEvents,
  WaymarkOptions,
} from '../types';

// One empty snapshot before `ready`, so `useSyncExternalStore` sees the same value on every read.
const NONE: never[] = [];
const EVENTS = ['achieved', 'progress', 'unlocked', 'stalled', 'change', 'error'];
// Problems in the set-up are warned on the console whoever listens.
const SETUP = /^(invalid_option|invalid_definition|definition_warning)$/;

/**
 * The public shell of a client (`createWaymark`), on the parts its entry point hands in: checks every call, never
 * throws, and queues calls in order while the session (engine, storage, users) loads or switches users.
 *
 * @example
 * const wm = createClient({ projectKey: 'pk_demo', milestones }, { now: Date.now, loadSession, loadSync });
 * wm.track('task_completed');
 */
export function createClient(input: WaymarkOptions, parts: ClientParts): Waymark {
  let destroyed = false;
  let session: Session | undefined;
  let early: WaymarkError[] | undefined = [];
  const warned = new Set<string>();
  const warn = (e: WaymarkError) => {
    const text = `[waymark] ${e.path ? e.path + ': ' : ''}${e.message}`;
    if (warned.has(text) || warned.size >= 100) return;
    warned.add(text);
    console.warn(text);
  };
  const report = (e: WaymarkError) => {
    if (destroyed) return;
    if (early || SETUP.test(e.code)) warn(e);
    if (early) early.push(e);
    else if (emitter.has('error')) emitter.emit('error', e);
    else if (e.code !== 'unknown_event') warn(e);
  };
  const emitter = createEmitter<WaymarkEvents>((event, error) => {
    const e = { code: 'listener_error', message: `a "${String(event)}" listener threw: ${String(error)}` };
    // A throwing error listener is told about on the console, not fed its own error.
    event === 'error' ? warn(e) : report(e);
  });
  // Errors found while creating the client reach listeners attached in the same tick.
  queueMicrotask(() => {
    const list = early!;
    early = undefined;
    for (const e of list) emitter.emit('error', e);
  });

  const o = readOptions(input, report, parts.now);

  // Operations wait in order while the session loads or switches users; `queue` is undefined when live.
  let queue: (() => void)[] | undefined;
  let notifying = false;
  const run = (op: () => void) => (queue ? queue.push(op) : op());
  const withSession = (op: (s: Session) => void) => run(() => session && op(session));
  const settled = () => new Promise<void>((resolve) => run(resolve));
  const hold = (task: () => Promise<void>) => {
    queue = [];
    return task()
      .catch((error) => report({ code: 'internal_error', message: String(error) }))
      .then(() => {
        const ops = queue!;
        queue = undefined;
        while (ops.length) {
          try {
            ops.shift()!();
          } catch (error) {
            report({ code: 'internal_error', message: String(error) });
          }
          // An operation that starts another load (identify) gets the rest queued behind it.
          if (queue) return void (queue as (() => void)[]).push(...ops);
        }
      });
  };

  const changed = () => {
    if (notifying) return;
    notifying = true;
    queueMicrotask(() => {
      notifying = false;
      if (!destroyed) emitter.emit('change');
    });
  };
  hold(async () => {
    const { createSession, createPlatform } = await parts.loadSession();
    session = await createSession({
      options_: o,
      platform_: createPlatform(),
      loadSync_: parts.loadSync,
      report,
      emit: (event, state, info) => emitter.emit(event, state, info as StalledInfo),
      listens: emitter.has,
      changed_: changed,
      hold_: hold,
      run_: run,
    });
    // Destroyed while it loaded: release what the session just set up (listeners, channels, the sync).
    if (destroyed) return session.destroy();
    // What was restored is readable from now on: subscribers that read `[]` before must read again.
    changed();
  });
  const ready = settled();

  const guard =
    <A extends unknown[], R>(method: string, fn: (...args: A) => R, fallback?: R) =>
    (...args: A): R => {
      try {
        if (!destroyed) return fn(...args);
        console.warn(`[waymark] ${method}() called after destroy(); ignored`);
      } catch (error) {
        report({ code: 'internal_error', message: `${method}(): ${String(error)}` });
      }
      return fallback!;
    };
  const later = <A extends unknown[], R>(method: string, fn: (...args: A) => Promise<R>, fallback: R) =>
    guard(
      method,
      (...args: A) =>
        fn(...args).catch((error) => {
          report({ code: 'internal_error', message: `${method}(): ${String(error)}` });
          return fallback;
        }),
      Promise.resolve(fallback),
    );
  const bad = (path: string, expected: string, got: unknown) =>
    report({ code: 'invalid_argument', path, message: `expected ${expected}, got ${describe(got)}` });
  const isId = (method: string, value: unknown): value is string => {
    if (typeof value === 'string' && value.length > 0 && value.length <= 200) return true;
    bad(method, 'a non-empty string of at most 200 characters', value);
    return false;
  };
  // Before the session loads, properties are copied so later changes by the host don't leak in; they are
  // sanitised when the event is evaluated.
  const copy = (props: unknown) => {
    try {
      return props && typeof props === 'object' && !Array.isArray(props) ? { ...props } : props;
    } catch {}
  };
  return {
    ready,
    track: guard('track', (name: string, properties?: object, options?: TrackOptions) => {
      if (!isId('track', name)) return;
      // The time of the call, unless the host gave one; read now, checked with the event.
      const t = options && typeof options === 'object' ? options.timestamp : undefined;
      const at = o.now();
      if (session && !queue) session.track(name, properties, at, t);
      else {
        const props = copy(properties);
        withSession((s) => s.track(name, props, at, t));
      }
    }),
    identify: guard('identify', (userId: string, traits?: object, options?: IdentifyOptions) => {
      // The token is read now (checked by the session), like the traits: later changes by the host don't leak in.
      const token = options && typeof options === 'object' ? options.token : undefined;
      if (isId('identify', userId)) withSession((s) => s.identify(userId, copy(traits), token));
    }),
    group: guard('group', (accountId: string, traits?: object) => {
      if (isId('group', accountId)) withSession((s) => s.group(accountId, traits));
    }),
    milestones: guard('milestones', () => session?.engine.milestones() ?? NONE, NONE),
    milestone: guard('milestone', (id: string) => session?.engine.milestones().find((m) => m.id === id)),
    levels: guard('levels', () => session?.engine.levels() ?? NONE, NONE),
    overall: guard('overall', () => session?.overall()),
    on: guard(
      'on',
      (event, listener) => {
        if (typeof listener === 'function' && EVENTS.includes(event)) return emitter.on(event, listener);
        bad('on', `an event name (${EVENTS.join(', ')}) and a function`, event);
        return () => {};
      },
      () => {},
    ),
    subscribe: guard(
      'subscribe',
      (listener: () => void) => {
        if (typeof listener === 'function') return emitter.on('change', listener);
        bad('subscribe', 'a function', listener);
        return () => {};
      },
      () => {},
    ),
    claimCelebration: later(
      'claimCelebration',
      async (id: string) => {
        if (!isId('claimCelebration', id)) return false;
        await settled();
        return !destroyed && !!session && session.claim(id);
      },
      false,
    ),
    setDefinitions: guard('setDefinitions', (definitions) => withSession((s) => s.setDefinitions(definitions))),
    flush: later(
      'flush',
      async () => {
        await settled();
        await session?.flush();
      },
      undefined,
    ),
    report: guard('report', (error: WaymarkError) =>
      typeof error?.code === 'string' && typeof error.message === 'string'
        ? report(error)
        : bad('report', 'an error { code, message, path? }', error),
    ),
    setConsent: guard('setConsent', (consent: Consent) => {
      if (['granted', 'pending', 'denied'].includes(consent)) withSession((s) => s.setConsent(consent));
      else bad('setConsent', '"granted", "pending" or "denied"', consent);
    }),
    reset: later(
      'reset',
      () => new Promise<void>((resolve) => run(() => void (session?.reset() ?? Promise.resolve()).then(resolve))),
      undefined,
    ),
    destroy: guard('destroy', () => {
      session?.destroy();
      destroyed = true;
      emitter.clear();
    }),
  };
}
