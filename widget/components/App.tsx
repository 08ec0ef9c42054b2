import type { ComponentChildren } from 'preact';
import type { Ctx } from './ctx';
import { Launcher } from './Launcher';

/**
 * The themed wrapper every view renders in.
 *
 * @example
 * <Frame c={c} cls="el"><Badges c={c} /></Frame>
 */
export const Frame = ({ c, cls, children }: { c: Ctx; cls: string; children: ComponentChildren }) => {
  const accent = c.o.theme?.accent;
  return (
    <div class={`wm ${cls} ${c.s.scheme.value}`} style={accent ? { '--waymark-accent': accent } : undefined}>
      {children}
    </div>
  );
};

// An inline launcher's box in the top layer, as a popover shown for good: an ancestor's transform, filter or
// containment then cannot become the containing block of its fixed position (it would land in the wrong place).
// Where popovers are unknown, the box is fixed as before. Stable, so it runs once, when the box is in the document.
// showPopover throws on a box that is not connected or already shown: nothing of the widget's may throw into the host.
const toTopLayer = (box: HTMLElement | null) => {
  try {
    box?.showPopover?.();
  } catch {
    // The box stays fixed, as without popovers.
  }
};

/**
 * The full widget: launcher, panel, celebration toast and the polite live region.
 *
 * @example
 * render(<App c={c} />, shadowRoot);
 */
export const App = ({ c }: { c: Ctx }) => {
  const pos = c.o.position;
  // The panel and the toast come with the views (loadViews); until then, an open panel or a toast waits for them.
  const views = c.s.views.value;
  return (
    <Frame c={c} cls={pos === 'inline' ? 'in' : pos === 'bottom-left' ? 'bl' : 'br'}>
      <Launcher c={c} />
      {views && (
        // One box for both, laid out together, so that the toast is never drawn over the panel (panelCss.ts).
        <div class="sk" popover={pos === 'inline' ? 'manual' : undefined} ref={pos === 'inline' ? toTopLayer : null}>
          {c.s.open.value && <views.Panel c={c} />}
          <views.Toast c={c} />
        </div>
      )}
      <div class="sr" aria-live="polite" aria-atomic="true">
        {c.s.live.value}
      </div>
    </Frame>
  );
};
