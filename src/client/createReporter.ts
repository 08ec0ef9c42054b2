import type { WaymarkError } from '../types';

// Problems in the set-up are warned on the console whoever listens.
const SETUP = /^(invalid_option|invalid_definition|definition_warning)$/;
/** Distinct console warnings per client, at most: a loop of bad calls must not flood the console. */
const MAX_WARNINGS = 100;

/**
 * Where a client's errors go: to its `error` listeners, or once on the console when there are none (set-up problems
 * always). Errors found while the client is being created are held for one microtask, so listeners attached in the
 * same tick receive them.
 *
 * @example
 * const reporter = createReporter({ listening: () => emitter.has('error'), deliver, destroyed: () => destroyed });
 * reporter.report({ code: 'invalid_argument', path: 'track', message: 'expected a non-empty string' });
 */
/* @__NO_SIDE_EFFECTS__ */
export function createReporter(o: {
  /** Whether any `error` listener is attached. */
  listening_: () => boolean;
  /** Hands an error to the `error` listeners. */
  deliver_: (error: WaymarkError) => void;
  /** After destroy(), nothing is reported. */
  destroyed_: () => boolean;
}) {
  const warned = new Set<string>();
  let early: WaymarkError[] | undefined = [];

  const warn = (e: WaymarkError) => {
    const text = `[waymark] ${e.path ? e.path + ': ' : ''}${e.message}`;
    if (warned.has(text) || warned.size >= MAX_WARNINGS) return;
    warned.add(text);
    console.warn(text);
  };

  const report = (e: WaymarkError) => {
    if (o.destroyed_()) return;
    if (early || SETUP.test(e.code)) warn(e);
    if (early) early.push(e);
    else if (o.listening_()) o.deliver_(e);
    else if (e.code !== 'unknown_event') warn(e);
  };

  queueMicrotask(() => {
    const list = early!;
    early = undefined;
    for (const e of list) o.deliver_(e);
  });

  return { warn_: warn, report_: report };
}
