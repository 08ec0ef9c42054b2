import type { Waymark } from 'waymark';
import { checkOptions } from './checkOptions';
import { clientReporter } from './clientReporter';
import { mountInto } from './mountInto';
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
  const report = clientReporter('mountWidget', wm, options);
  if (!report) return inert;
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
