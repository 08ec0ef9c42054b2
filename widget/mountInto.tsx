import { createRef } from 'preact';
import type { Waymark } from 'waymark';
import { adoptStyles } from './adoptStyles';
import { attachViews } from './attachViews';
import { createCelebrations } from './celebrate';
import { App } from './components/App';
import type { Ctx } from './components/ctx';
import { createConfetti } from './confetti';
import { followScheme } from './followScheme';
import { handleGuard } from './handleGuard';
import { renderLive } from './renderLive';
import { reporter } from './reporter';
import { createState } from './state';
import { launcherCss } from './launcherCss';
import { createFormat } from './strings';
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
  const report = reporter(o.onError, wm);
  const s = createState(wm, report);
  const c: Ctx = {
    s,
    t: createFormat(o.locale, o.strings),
    wm,
    o: { ...o, onError: report },
    host,
    root,
    launcher: createRef(),
  };
  const unfollow = followScheme(host, o.theme, (scheme) => (s.scheme.value = scheme));
  const unmount = renderLive(root, () => <App c={c} />, report);
  adoptStyles(root, launcherCss, o.nonce);
  let dead = false;
  attachViews(root, s, o.nonce, report, () => !dead);
  const fx = createConfetti(root, o.position, o.theme?.accent, report);
  const stop = createCelebrations(wm, s, c.t, () => o.confetti !== false && !reducedMotion() && fx.fire(), report);
  const guard = handleGuard(() => dead, report);
  return {
    open: guard(() => (s.open.value = true)),
    close: guard(() => (s.open.value = false)),
    destroy: guard(() => {
      dead = true;
      stop();
      fx.stop();
      s.stop();
      unfollow();
      unmount();
    }),
  };
};
