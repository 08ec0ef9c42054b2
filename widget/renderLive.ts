import { render, type VNode } from 'preact';

/**
 * Renders `view()` into `root` now and again whenever `watch` reports a change; components
 * simply read `.value`. Render errors go to `report`, never to the host. Returns the unmount.
 *
 * @example
 * const unmount = renderLive(shadowRoot, state.watch, () => <App c={c} />, report);
 */
export const renderLive = (
  root: ShadowRoot,
  watch: (listener: () => void) => () => void,
  view: () => VNode | null,
  report: (e: unknown) => void,
  after?: () => void,
) => {
  // A change made while drawing (by `after`, say) draws again afterwards, never inside a render.
  let drawing = false;
  let again = false;
  const draw = () => {
    if (drawing) return void (again = true);
    drawing = true;
    do {
      again = false;
      try {
        render(view(), root);
        after?.();
      } catch (e) {
        report(e);
      }
    } while (again);
    drawing = false;
  };
  const stop = watch(draw);
  draw();
  return () => {
    stop();
    render(null, root);
  };
};
