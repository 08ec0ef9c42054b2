import { callMethods } from './callMethods';
import type { ClientShell } from './ClientShell';
import { createEmitter } from './createEmitter';
import { createGuards } from './createGuards';
import { createOpQueue } from './createOpQueue';
import { createReporter } from './createReporter';
import { lifecycleMethods } from './lifecycleMethods';
import type { ClientParts } from './Platform';
import { readMethods } from './readMethods';
import { describe, readOptions } from './readOptions';
import type { StalledInfo, Waymark, WaymarkEvents, WaymarkOptions } from '../types';

/**
 * The public shell of a client (`createWaymark`), on the parts its entry point hands in: checks every call, never
 * throws, and queues calls in order while the session (engine, storage, users) loads or switches users.
 *
 * @example
 * const wm = createClient({ projectKey: 'pk_demo', milestones }, { now: Date.now, loadSession, loadSync });
 * wm.track('task_completed');
 */
export function createClient(input: WaymarkOptions, parts: ClientParts): Waymark {
  // Made first: options are checked (and problems reported) before the rest of it exists.
  const shell = { destroyed_: false } as ClientShell;
  const emitter = createEmitter<WaymarkEvents>((event, error) => {
    const e = { code: 'listener_error', message: `a "${String(event)}" listener threw: ${String(error)}` };
    // A throwing error listener is told about on the console, not fed its own error.
    if (event === 'error') reporter.warn_(e);
    else report(e);
  });
  const reporter = createReporter({
    listening_: () => emitter.has_('error'),
    deliver_: (e) => emitter.emit_('error', e),
    destroyed_: () => shell.destroyed_,
  });
  const report = reporter.report_;
  const options = readOptions(input, report, parts.now);
  // Operations wait in order while the session loads or switches users.
  const queue = createOpQueue(report);
  const guards = createGuards(report, () => shell.destroyed_);
  const bad = (path: string, expected: string, got: unknown) =>
    report({ code: 'invalid_argument', path, message: `expected ${expected}, got ${describe(got)}` });
  Object.assign(shell, {
    options_: options,
    emitter_: emitter,
    report_: report,
    queue_: queue,
    guard_: guards.guard_,
    later_: guards.later_,
    withSession_: (op) => queue.run_(() => shell.session_ && op(shell.session_)),
    bad_: bad,
    isId_: (method, value): value is string => {
      if (typeof value === 'string' && value.length > 0 && value.length <= 200) return true;
      bad(method, 'a non-empty string of at most 200 characters', value);
      return false;
    },
  } satisfies Omit<ClientShell, 'destroyed_'>);
  const changed = notifier(() => !shell.destroyed_ && emitter.emit_('change'));
  queue.hold_(async () => {
    const { createSession, createPlatform } = await parts.loadSession();
    shell.session_ = await createSession({
      options_: options,
      platform_: createPlatform(),
      loadSync_: parts.loadSync,
      report,
      emit: (event, state, info) => emitter.emit_(event, state, info as StalledInfo),
      listens: emitter.has_,
      changed_: changed,
      hold_: queue.hold_,
      run_: queue.run_,
    });
    // Destroyed while it loaded: release what the session just set up (listeners, channels, the sync).
    if (shell.destroyed_) return shell.session_.destroy();
    // What was restored is readable from now on: subscribers that read `[]` before must read again.
    changed();
  });
  return { ready: queue.settled_(), ...readMethods(shell), ...callMethods(shell), ...lifecycleMethods(shell) };
}

/** Calls `notify` once in a microtask however often the state changed within the turn. */
const notifier = (notify: () => void) => {
  let notifying = false;
  return () => {
    if (notifying) return;
    notifying = true;
    queueMicrotask(() => {
      notifying = false;
      notify();
    });
  };
};
