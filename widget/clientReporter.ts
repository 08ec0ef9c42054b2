import type { Waymark } from 'waymark';
import { isClient } from './checkOptions';
import { reporter } from './reporter';
import type { WidgetOptions } from './types';

/**
 * Where an entry point of the widget (`mountWidget`, `defineElements`) reports its problems: to the options'
 * `onError` and to the client. When `wm` is no waymark client, that is reported as `invalid_argument` under `path`
 * and the answer is undefined.
 *
 * @example
 * const report = clientReporter('mountWidget', wm, options);
 * if (!report) return inert;
 */
export const clientReporter = (
  path: string,
  wm: Waymark,
  options: WidgetOptions | undefined,
): ((e: unknown) => void) | undefined => {
  const onError = typeof options?.onError === 'function' ? options.onError : undefined;
  if (isClient(wm)) return reporter(onError, wm);
  const got = wm === null ? 'null' : typeof wm;
  reporter(onError)({
    code: 'invalid_argument',
    path,
    message: `expected a waymark client (from createWaymark), got ${got}`,
  });
};
