import { hostScheme, type Scheme } from './hostScheme';
import type { WidgetTheme } from './types';

/**
 * Keeps `set` told of the scheme the widget draws in: the forced one (`colorScheme: 'light' | 'dark'`), or, for
 * `'auto'`, the host page's (`hostScheme`), again whenever the page's root or body changes its attributes (a theme
 * class, a style) or the operating system's preference changes (it matters to pages that follow it). Returns the stop.
 *
 * @example
 * const stop = followScheme(host, options.theme, (scheme) => (state.scheme.value = scheme));
 */
export const followScheme = (
  host: Element,
  theme: WidgetTheme | undefined,
  set: (scheme: Scheme) => void,
): (() => void) => {
  const forced = theme?.colorScheme;
  if (forced === 'light' || forced === 'dark') {
    set(forced);
    return () => {};
  }
  const doc = host.ownerDocument;
  const look = () => set(hostScheme(host));
  look();
  const observer = typeof MutationObserver === 'function' ? new MutationObserver(look) : undefined;
  for (const el of [doc.documentElement, doc.body]) if (el) observer?.observe(el, { attributes: true });
  const media = doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
  media?.addEventListener?.('change', look);
  return () => {
    observer?.disconnect();
    media?.removeEventListener?.('change', look);
  };
};
