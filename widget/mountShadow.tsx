import { createRef, type VNode } from 'preact';
import type { Waymark } from 'waymark';
import { adoptStyles } from './adoptStyles';
import { attachViews } from './attachViews';
import type { Ctx } from './components/ctx';
import { followScheme } from './followScheme';
import { launcherCss } from './launcherCss';
import { renderLive } from './renderLive';
import { reporter } from './reporter';
import { createState } from './state';
import { createFormat } from './strings';
import type { WidgetOptions } from './types';

/** What every mount into a shadow root has: its components' context, where errors go, and the unmount. */
export interface ShadowMount {
  c_: Ctx;
  report_: (e: unknown) => void;
  /** True once `stop_()` ran: the views arriving later are not attached, handle methods do nothing. */
  dead_: () => boolean;
  /** Stops following the client and the page's colour scheme, and renders nothing. */
  stop_: () => void;
}

/**
 * Renders `view(c)` into `root` with what the full widget and the inline elements share: one state fed by the client,
 * the strings, the host page's colour scheme, the launcher's styles and, once loaded, the views and their styles.
 * Used by `mountInto` and `mountElement`.
 *
 * @example
 * const mount = mountShadow(root, host, wm, options, (c) => <App c={c} />);
 * mount.stop_();
 */
export const mountShadow = (
  root: ShadowRoot,
  host: Element,
  wm: Waymark,
  options: WidgetOptions,
  view: (c: Ctx) => VNode | null,
): ShadowMount => {
  const report = reporter(options.onError, wm);
  const s = createState(wm, report);
  const c: Ctx = {
    s,
    t: createFormat(options.locale, options.strings),
    wm,
    o: { ...options, onError: report },
    host,
    root,
    launcher: createRef(),
  };
  const unfollow = followScheme(host, options.theme, (scheme) => (s.scheme.value = scheme));
  const unmount = renderLive(root, () => view(c), report);
  adoptStyles(root, launcherCss, options.nonce);
  let dead = false;
  attachViews(root, s, options.nonce, report, () => !dead);
  return {
    c_: c,
    report_: report,
    dead_: () => dead,
    stop_: () => {
      dead = true;
      s.stop();
      unfollow();
      unmount();
    },
  };
};
