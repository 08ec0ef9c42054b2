import type { Waymark, WaymarkError } from 'waymark';

/**
 * Turns anything thrown into a `WaymarkError` and delivers it to the widget's `onError` and to the client's `error`
 * listeners (through `wm.report`, which warns on the console when nobody listens), so nothing throws into the host
 * app. Without a client to report to and without `onError`, it is one console warning.
 *
 * @example
 * const report = reporter(options.onError, wm);
 * try { risky(); } catch (e) { report(e); }
 * report({ code: 'invalid_option', path: 'position', message: 'expected …' });
 */
export const reporter =
  (onError?: (e: WaymarkError) => void, wm?: Waymark) =>
  (e: unknown): void => {
    const error: WaymarkError = {
      code: (e as WaymarkError)?.code ?? 'widget_error',
      message: String((e as Error)?.message ?? e),
    };
    const path = (e as WaymarkError)?.path;
    if (typeof path === 'string') error.path = path;
    let delivered = false;
    try {
      if (onError) onError(error);
    } catch {
      // The host's own callback failed; the client's listeners may still hear of the problem.
    }
    try {
      if (typeof wm?.report === 'function') {
        wm.report(error);
        delivered = true;
      }
    } catch {
      // A client that cannot take it: the console below.
    }
    if (!onError && !delivered) console.warn('[waymark]', (error.path ? error.path + ': ' : '') + error.message);
  };
