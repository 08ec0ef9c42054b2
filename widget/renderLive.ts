import { effect } from '@preact/signals-core';
import { render, type VNode } from 'preact';

/**
 * Renders `view()` into `root` now and again whenever a signal it read changes; components
 * simply read `.value`. Render errors go to `report`, never to the host. Returns the unmount.
 *
 * @example
 * const unmount = renderLive(shadowRoot, () => <App c={c} />, report);
 */
export const renderLive = (root: ShadowRoot, view: () => VNode | null, report: (e: unknown) => void, after?: () => void) => {
  const dispose = effect(() => {
    try {
      render(view(), root);
      after?.();
    } catch (e) {
      report(e);
    }
  });
  return () => {
    dispose();
    render(null, root);
  };
};
