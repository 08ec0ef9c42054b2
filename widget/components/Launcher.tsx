import type { Ctx } from './ctx';
import { overall } from '../overall';
import { Flag } from './icons';

/**
 * The floating (or inline) button with a ring of overall progress; toggles the panel.
 *
 * @example
 * <Launcher c={c} />
 */
export const Launcher = ({ c }: { c: Ctx }) => {
  const o = overall(c.s.milestones.value);
  return (
    <button
      ref={c.launcher}
      class="lc"
      type="button"
      aria-haspopup="dialog"
      aria-expanded={c.s.open.value}
      aria-label={c.t('launcher', { achieved: o.achieved, total: o.total })}
      onClick={() => (c.s.open.value = !c.s.open.value)}
    >
      <svg class="rg" viewBox="0 0 56 56" aria-hidden="true">
        <circle cx="28" cy="28" r="24" />
        <circle
          cx="28"
          cy="28"
          r="24"
          pathLength={100}
          stroke-dasharray="100"
          stroke-dashoffset={100 - o.ratio * 100}
        />
      </svg>
      <span class="fl">
        <Flag />
      </span>
    </button>
  );
};
