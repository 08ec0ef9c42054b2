import { nextUp } from '../nextUp';
import { overall } from '../overall';
import type { Ctx } from './ctx';
import { NextLink } from './NextLink';

/**
 * The panel's prompt: "Up next" with the next unfinished milestone and its call to action, "All done!" once every
 * milestone is achieved, and nothing at all when only locked milestones are left.
 *
 * @example
 * <NextStep c={c} />
 */
export const NextStep = ({ c }: { c: Ctx }) => {
  const milestones = c.s.milestones.value;
  const m = nextUp(milestones, c.s.levels.value);
  if (m)
    return (
      <div class="nx">
        <p class="ey">{c.t('upNext')}</p>
        <p class="nt">{m.title}</p>
        <NextLink c={c} m={m} />
      </div>
    );
  if (!overall(milestones).done) return null;
  return (
    <div class="nx dn">
      <span class="i" aria-hidden="true">
        🏆
      </span>
      <div>
        <p class="nt">{c.t('allDone')}</p>
        <p class="ds">{c.t('allDoneText')}</p>
      </div>
    </div>
  );
};
