import type { Waymark } from 'waymark';
import { checkOptions, isClient } from './checkOptions';
import { mountInto } from './mountInto';
import { reporter } from './reporter';
import type { WidgetHandle, WidgetOptions } from './types';

const noop = () => {};
const inert: WidgetHandle = { open: noop, close: noop, destroy: noop };

/**
 * Mounts the celebration widget: a launcher with a progress ring (bottom-right by default),
 * the progress panel, and confetti + toast when a milestone is achieved. Everything lives in
 * its own shadow root; nothing outside it changes. Never throws: problems go to `onError`
 * and to the client's `error` listeners.
 *
 * @example
 * import { mountWidget } from 'waymark/widget';
 * const widget = mountWidget(wm, { position: 'bottom-left', theme: { accent: '#0f766e' } });
 * widget.open();
 * widget.destroy();
 */
export const mountWidget = (wm: Waymark, options: WidgetOptions = {}): WidgetHandle => {
  const onError = typeof options?.onError === 'function' ? options.onError : undefined;
  if (!isClient(wm)) {
    const got = wm === null ? 'null' : typeof wm;
    reporter(onError)({
      code: 'invalid_argument',
      path: 'mountWidget',
      message: `expected a waymark client (from createWaymark), got ${got}`,
    });
    return inert;
  }
  const report = reporter(onError, wm);
  try {
    const o = checkOptions(options, report);
    const host = document.createElement('div');
    host.setAttribute('data-waymark-widget', '');
    const root = host.attachShadow({ mode: 'open' });
    (o.position === 'inline' && o.target ? o.target : document.body).appendChild(host);
    const handle = mountInto(root, host, wm, o);
    return {
      ...handle,
      destroy: () => {
        handle.destroy();
        host.remove();
      },
    };
  } catch (e) {
    report(e);
    return inert;
  }
};
