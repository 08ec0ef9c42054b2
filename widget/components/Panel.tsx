import { useLayoutEffect, useRef } from 'preact/hooks';
import { overall } from '../overall';
import { followLauncher } from '../followLauncher';
import type { Ctx } from './ctx';
import { Badges } from './Badges';
import { Checklists } from './Checklist';
import { Close } from './icons';
import { Journey } from './Journey';
import { NextStep } from './NextStep';
import { ProgressBar } from './ProgressBar';
import { Standing } from './Standing';

/**
 * Closes the panel and gives focus back to the launcher.
 *
 * @example
 * <button onClick={() => closePanel(c)} />
 */
export const closePanel = (c: Ctx) => {
  c.s.open.value = false;
  c.launcher.current?.focus();
};

// Escape closes; Tab and Shift+Tab wrap around inside the dialog (it is modal).
const onKeyDown = (c: Ctx) => (e: KeyboardEvent) => {
  const panel = e.currentTarget as HTMLElement;
  if (e.key === 'Escape') {
    e.stopPropagation();
    closePanel(c);
  } else if (e.key === 'Tab') {
    const f = panel.querySelectorAll<HTMLElement>('a[href],button:not([tabindex="-1"]),input,[tabindex="0"]');
    const first = f[0];
    const last = f[f.length - 1];
    const at = c.root.activeElement;
    if (e.shiftKey ? at === first || at === panel : at === last) {
      e.preventDefault();
      (e.shiftKey ? last : first)?.focus();
    }
  }
};

const VIEWS = ['progress', 'journey'] as const;

// The tabs' keys (WAI-ARIA tabs pattern): arrows, Home and End move to a tab and show it.
const onTabKey = (c: Ctx) => (e: KeyboardEvent) => {
  const at = VIEWS.indexOf(c.s.view.value);
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: VIEWS.length - 1 }[e.key];
  if (to === undefined) return;
  e.preventDefault();
  c.s.view.value = VIEWS[(to + VIEWS.length) % VIEWS.length];
  c.root.getElementById('wm-tab-' + c.s.view.value)?.focus();
};

/**
 * Progress or Your journey, as tabs.
 *
 * @example
 * <Tabs c={c} />
 */
const Tabs = ({ c }: { c: Ctx }) => (
  <div class="tabs" role="tablist" aria-labelledby="wm-title" onKeyDown={onTabKey(c)}>
    {VIEWS.map((view) => {
      const selected = c.s.view.value === view;
      return (
        <button
          key={view}
          id={'wm-tab-' + view}
          role="tab"
          type="button"
          aria-selected={selected}
          aria-controls="wm-view"
          tabIndex={selected ? 0 : -1}
          onClick={() => (c.s.view.value = view)}
        >
          {c.t(view === 'progress' ? 'progressTab' : 'journeyTab')}
        </button>
      );
    })}
  </div>
);

/**
 * The progress dialog: summary, standing and two tabs: Progress (next step, checklists per level, badges) and Your
 * journey. Escape or the close button closes it and returns focus to the launcher; Tab stays inside while it is open.
 *
 * @example
 * {c.s.open.value && <Panel c={c} />}
 */
export const Panel = ({ c }: { c: Ctx }) => {
  const dialog = useRef<HTMLDivElement>(null);
  // Focus moves into the dialog when it appears (it may wait for the views after the click), and a click elsewhere
  // on the page closes it without moving focus.
  useLayoutEffect(() => {
    // An inline launcher's panel opens, and stays, where that launcher is (followLauncher.ts); the floating one's CSS
    // places it.
    const unplace = c.o.position === 'inline' && followLauncher(dialog.current!, c.launcher.current!);
    dialog.current?.focus();
    const outside = (e: Event) => {
      if (!e.composedPath().includes(c.host)) c.s.open.value = false;
    };
    document.addEventListener('pointerdown', outside);
    return () => {
      document.removeEventListener('pointerdown', outside);
      if (unplace) unplace();
    };
  }, [c]);
  const o = overall(c.s.milestones.value);
  const summary = c.t('summary', { achieved: o.achieved, total: o.total });
  return (
    <div
      ref={dialog}
      class="pn"
      role="dialog"
      aria-modal="true"
      aria-labelledby="wm-title"
      tabIndex={-1}
      onKeyDown={onKeyDown(c)}
    >
      <div class="hd">
        {/* First in the tab order, drawn at the right. */}
        <button class="x" type="button" aria-label={c.t('close')} onClick={() => closePanel(c)}>
          <Close />
        </button>
        <div>
          <h2 id="wm-title">{c.t('title')}</h2>
          <p class="sub">{summary}</p>
          <ProgressBar value={o.achieved} max={o.total} ratio={o.ratio} label={summary} class="hb" />
          <Standing c={c} />
        </div>
        {/* Under the title and the close button, across the header. */}
        <Tabs c={c} />
      </div>
      <div class="bd" id="wm-view" role="tabpanel" aria-labelledby={'wm-tab-' + c.s.view.value} tabIndex={0}>
        {c.s.view.value === 'journey' ? (
          <Journey c={c} />
        ) : (
          <>
            <NextStep c={c} />
            <Checklists c={c} />
            <Badges c={c} />
          </>
        )}
      </div>
    </div>
  );
};
