import type { createEmitter } from './createEmitter';
import type { createGuards } from './createGuards';
import type { createOpQueue } from './createOpQueue';
import type { Session } from './createSession';
import type { ResolvedOptions } from './readOptions';
import type { WaymarkError, WaymarkEvents } from '../types';

/**
 * What the public methods of a client share (built by `createClient`): the session once loaded, the listeners,
 * where errors go, the order of operations and the checks every method makes.
 *
 * @example
 * const methods = { ...readMethods(shell), ...callMethods(shell), ...lifecycleMethods(shell) };
 */
export interface ClientShell {
  options_: ResolvedOptions;
  /** The session, once it loaded. */
  session_?: Session;
  /** After destroy(), every call is ignored. */
  destroyed_: boolean;
  emitter_: ReturnType<typeof createEmitter<WaymarkEvents>>;
  report_: (error: WaymarkError) => void;
  queue_: ReturnType<typeof createOpQueue>;
  guard_: ReturnType<typeof createGuards>['guard_'];
  later_: ReturnType<typeof createGuards>['later_'];
  /** Runs `op` with the session, in order after whatever loads (nothing without a session). */
  withSession_: (op: (session: Session) => void) => void;
  /** Reports an argument that is not what `path` expects. */
  bad_: (path: string, expected: string, got: unknown) => void;
  /** Whether `value` is an id (a non-empty string of at most 200 characters); reports it under `method` if not. */
  isId_: (method: string, value: unknown) => value is string;
}
