import type { Waymark } from 'waymark';
import { createCelebrations } from './createCelebrations';
import { App } from './components/App';
import { createConfetti } from './confetti';
import { handleGuard } from './handleGuard';
import { mountShadow } from './mountShadow';
import type { WidgetHandle, WidgetOptions } from './types';

const reducedMotion = () => !!globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

/**
 * Renders the full widget (launcher, panel, celebrations) into a shadow root the caller owns.
 * `destroy()` unmounts, unsubscribes and stops confetti, but leaves the host element alone.
 *
 * @example
 * const handle = mountInto(el.attachShadow({ mode: 'open' }), el, wm, { position: 'inline' });
 */
export const mountInto = (root: ShadowRoot, host: Element, wm: Waymark, o: WidgetOptions): WidgetHandle => {
  const mount = mountShadow(root, host, wm, o, (c) => <App c={c} />);
  const { c_: c, report_: report } = mount;
  const fx = createConfetti(root, o.position, o.theme?.accent, report);
  const stop = createCelebrations(wm, c.s, c.t, () => o.confetti !== false && !reducedMotion() && fx.fire(), report);
  const guard = handleGuard(mount.dead_, report);
  return {
    open: guard(() => (c.s.open.value = true)),
    close: guard(() => (c.s.open.value = false)),
    destroy: guard(() => {
      stop();
      fx.stop();
      mount.stop_();
    }),
  };
};
