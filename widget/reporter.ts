import type { WaymarkError } from '../src/types';

/**
 * Turns anything thrown into a `WaymarkError` for `onError` (or one console warning when the
 * host gave no callback), so nothing throws into the host app.
 *
 * @example
 * const report = reporter(options.onError);
 * try { risky(); } catch (e) { report(e); }
 */
export const reporter =
  (onError?: (e: WaymarkError) => void) =>
  (e: unknown): void => {
    const error: WaymarkError = {
      code: (e as WaymarkError)?.code ?? 'widget_error',
      message: String((e as Error)?.message ?? e),
    };
    try {
      if (onError) onError(error);
      else console.warn('[waymark]', error.message);
    } catch {
      // The host's own callback failed; there is nowhere left to report to.
    }
  };
