import { describe } from './readOptions';
import { isUnsendable, sanitizeProperties } from './sanitizeProperties';
import type { Properties, WaymarkError } from '../types';

/**
 * The session's checks of what the host hands in: names and ids that cannot be sent are refused (and reported),
 * properties and traits are cleaned.
 *
 * @example
 * const checks = createInputChecks(report);
 * if (!checks.unsendable('track', name)) engine.track(name, checks.clean(props, 'properties') || {}, Date.now());
 */
export function createInputChecks(report: (error: WaymarkError) => void) {
  return {
    // Names and ids are refused rather than cleaned: a changed id would be someone else's, a changed name another event.
    unsendable(path: string, value: string): boolean {
      if (!isUnsendable(value)) return false;
      report({
        code: path === 'userId' ? 'invalid_option' : 'invalid_argument',
        path,
        message: `${describe(value)} holds a NUL character or a lone surrogate, which cannot be sent; ignored`,
      });
      return true;
    },
    clean: (value: unknown, path: string): Properties | undefined =>
      value === undefined ? undefined : sanitizeProperties(value, report, path),
  };
}
