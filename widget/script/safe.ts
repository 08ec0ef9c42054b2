import { warn } from './warn';

/**
 * Wraps `f` so that what it throws is a console warning and `fallback` is returned instead: the script tag's methods
 * never throw into the page.
 *
 * @example
 * const close = safe(() => widget?.close());
 * const milestones = safe(() => wm.milestones(), []);
 */
export const safe =
  <A extends unknown[], R>(f: (...args: A) => R, fallback?: R) =>
  (...args: A): R | undefined => {
    try {
      return f(...args);
    } catch (e) {
      warn(String(e));
      return fallback;
    }
  };
