/**
 * Places the inline launcher's panel against its launcher, as it is now: on the launcher's side of the window (below
 * a launcher in its upper half, above one in its lower half, 12px from it), lined up with the launcher's nearer edge
 * and moved in only as far as it must to stay whole, 8px inside the window (also when the launcher itself has been
 * scrolled out of it). A toast shares the panel's box (`.sk`, panelCss.ts), so it is never drawn over the panel:
 * beside it, towards the middle, where there is room for both, else between the panel and the window's far edge.
 * followLauncher.ts calls it again on every scroll and resize while the panel is open.
 *
 * @example
 * placeStack(panel, launcher);
 */
export const placeStack = (panel: HTMLElement, launcher: Element): void => {
  const box = panel.parentElement!;
  // The window without its scroll bars.
  const { clientWidth: width, clientHeight: height } = document.documentElement;
  const { left, right, top, bottom } = launcher.getBoundingClientRect();
  const w = panel.offsetWidth;
  const atLeft = left + right < width;
  const atTop = top + bottom < height;
  // The box's distance from the window's edge on the launcher's side.
  const x = Math.max(8, Math.min(atLeft ? left : width - right, width - 8 - w));
  // The toast goes first in the box (panelCss.ts): these directions put the panel nearest the launcher.
  const beside = width >= 820 && x + 2 * w + 20 <= width;
  // Through the CSSOM, which a strict CSP allows (it refuses style attributes in markup).
  Object.assign(box.style, {
    left: atLeft ? `${x}px` : 'auto',
    right: atLeft ? 'auto' : `${x}px`,
    top: `${atTop ? Math.max(8, bottom + 12) : 16}px`,
    bottom: `${atTop ? 16 : Math.max(8, height - top + 12)}px`,
    flexDirection: beside ? (atLeft ? 'row-reverse' : 'row') : atTop ? 'column-reverse' : 'column',
    // Beside each other: lined up at the edge nearer the launcher.
    alignItems: atTop ? 'flex-start' : 'flex-end',
  });
};
