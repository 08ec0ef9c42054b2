import { placeStack } from './placeStack';

/**
 * Keeps the inline launcher's open panel placed against its launcher (placeStack.ts): now, and again whenever the
 * page, or a box of the page's the launcher is in, scrolls, and whenever the window is resized or turned. Returns the
 * stop, for when the panel closes or the widget goes: the listeners go, and the box goes back to the corner where the
 * toasts of a closed panel show.
 *
 * @example
 * useLayoutEffect(() => followLauncher(panel, launcher), []);
 */
export const followLauncher = (panel: HTMLElement, launcher: Element): (() => void) => {
  const box = panel.parentElement!;
  const place = () => {
    try {
      placeStack(panel, launcher);
    } catch {
      // In the host page's scroll: nothing of the widget's may throw there. The panel stays where it was.
    }
  };
  place();
  // Captured: a scroll does not bubble, and the one that moves the launcher may be a box's, not the page's.
  addEventListener('scroll', place, true);
  addEventListener('resize', place);
  return () => {
    removeEventListener('scroll', place, true);
    removeEventListener('resize', place);
    box.removeAttribute('style');
  };
};
