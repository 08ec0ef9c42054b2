import type { Waymark } from '../src/types';
import { mountInto } from './mountInto';
import { reporter } from './reporter';
import type { WidgetHandle, WidgetOptions } from './types';

const noop = () => {};

/**
 * Mounts the celebration widget: a launcher with a progress ring (bottom-right by default),
 * the progress panel, and confetti + toast when a milestone is achieved. Everything lives in
 * its own shadow root; nothing outside it changes. Never throws: problems go to `onError`.
 *
 * @example
 * import { mountWidget } from 'waymark/widget';
 * const widget = mountWidget(wm, { position: 'bottom-left', theme: { accent: '#0f766e' } });
 * widget.open();
 * widget.destroy();
 */
export const mountWidget = (wm: Waymark, options: WidgetOptions = {}): WidgetHandle => {
  try {
    const host = document.createElement('div');
    host.setAttribute('data-waymark-widget', '');
    const root = host.attachShadow({ mode: 'open' });
    (options.position === 'inline' && options.target ? options.target : document.body).appendChild(host);
    const handle = mountInto(root, host, wm, options);
    return {
      ...handle,
      destroy: () => {
        handle.destroy();
        host.remove();
      },
    };
  } catch (e) {
    reporter(options.onError)(e);
    return { open: noop, close: noop, destroy: noop };
  }
};
