import type { WaymarkError } from '../types';

/**
 * Wraps a client's public methods so that none ever throws into the host: `guard` reports what a method throws
 * as `internal_error` and answers `fallback`, and ignores calls after destroy() with a console warning; `later`
 * does the same for methods that answer a promise, which then never rejects.
 *
 * @example
 * const { guard_: guard, later_: later } = createGuards(report, () => destroyed);
 * const milestones = guard('milestones', () => engine.milestones(), []);
 * const flush = later('flush', () => session.flush(), undefined);
 */
/* @__NO_SIDE_EFFECTS__ */
export function createGuards(report: (error: WaymarkError) => void, destroyed: () => boolean) {
  const failed = (method: string, error: unknown) =>
    report({ code: 'internal_error', message: `${method}(): ${String(error)}` });

  const guard =
    <A extends unknown[], R>(method: string, fn: (...args: A) => R, fallback?: R) =>
    (...args: A): R => {
      try {
        if (!destroyed()) return fn(...args);
        console.warn(`[waymark] ${method}() called after destroy(); ignored`);
      } catch (error) {
        failed(method, error);
      }
      return fallback!;
    };

  const later = <A extends unknown[], R>(method: string, fn: (...args: A) => Promise<R>, fallback: R) =>
    guard(
      method,
      (...args: A) =>
        fn(...args).catch((error) => {
          failed(method, error);
          return fallback;
        }),
      Promise.resolve(fallback),
    );

  return { guard_: guard, later_: later };
}
