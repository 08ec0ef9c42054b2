import type { ElementMount, mountElement as full } from '../mountElement';
import { reporter } from '../reporter';
import { loadUi } from './loadUi';

/**
 * The script-tag build's `mountElement` (it replaces `widget/mountElement.tsx` there): the element renders once
 * `waymark.ui.js` has loaded, with whatever attribute it has by then; removed before that, it never renders.
 *
 * @example
 * const m = mountElement(root, el, 'waymark-badges', wm, {});
 */
export const mountElement: typeof full = (root, host, name, wm, options) => {
  let real: ElementMount | undefined;
  let dead = false;
  let key: string | null = null;
  loadUi().then((ui) => {
    if (dead) return;
    real = ui.mountElement(root, host, name, wm, options);
    real.key(key);
  }, reporter(options.onError));
  return {
    key: (value) => {
      key = value;
      real?.key(value);
    },
    off: () => {
      dead = true;
      real?.off();
    },
  };
};
