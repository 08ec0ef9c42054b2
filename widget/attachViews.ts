import { adoptStyles } from './adoptStyles';
import { loadedViews, loadViews, type Views } from './loadViews';
import type { State } from './state';

/**
 * Gives one mount the widget's views and their styles: at once when they have loaded for another mount, else when
 * they arrive. A chunk that cannot load (offline, a deploy that removed it) is reported as `widget_unavailable`; the
 * launcher stays and progress is still tracked.
 *
 * @example
 * attachViews(shadowRoot, state, options.nonce, report, () => !dead);
 */
export const attachViews = (
  root: ShadowRoot,
  s: State,
  nonce: string | undefined,
  report: (e: unknown) => void,
  alive: () => boolean,
): void => {
  const attach = (views: Views) => {
    adoptStyles(root, views.panelCss, nonce);
    s.views.value = views;
  };
  const now = loadedViews();
  if (now) {
    attach(now);
    return;
  }
  loadViews().then(
    (views) => alive() && attach(views),
    (e: Error) =>
      report({
        code: 'widget_unavailable',
        message: `the widget's views could not load (${e?.message ?? e}); progress is still tracked`,
      }),
  );
};
