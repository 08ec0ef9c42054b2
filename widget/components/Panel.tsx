import { overall } from '../overall';
import type { Ctx } from './ctx';
import { Badges } from './Badges';
import { Checklists } from './Checklist';
import { Close } from './icons';
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
    const f = panel.querySelectorAll<HTMLElement>('a[href],button');
    const first = f[0];
    const last = f[f.length - 1];
    const at = c.root.activeElement;
    if (e.shiftKey ? at === first || at === panel : at === last) {
      e.preventDefault();
      (e.shiftKey ? last : first)?.focus();
    }
  }
};

/**
 * The progress dialog: summary, next step, checklists per level, badges. Escape or the close
 * button closes it and returns focus to the launcher; Tab stays inside while it is open.
 *
 * @example
 * {c.s.open.value && <Panel c={c} />}
 */
export const Panel = ({ c }: { c: Ctx }) => {
  const o = overall(c.s.milestones.value);
  const summary = c.t('summary', { achieved: o.achieved, total: o.total });
  return (
    <div class="pn" role="dialog" aria-modal="true" aria-labelledby="wm-title" tabIndex={-1} onKeyDown={onKeyDown(c)}>
      <div class="hd">
        <div>
          <h2 id="wm-title">{c.t('title')}</h2>
          <p class="sub">{summary}</p>
          <ProgressBar value={o.achieved} max={o.total} ratio={o.ratio} label={summary} class="hb" />
          <Standing c={c} />
        </div>
        <button class="x" type="button" aria-label={c.t('close')} onClick={() => closePanel(c)}>
          <Close />
        </button>
      </div>
      <div class="bd">
        <NextStep c={c} />
        <Checklists c={c} />
        <Badges c={c} />
      </div>
    </div>
  );
};
