import type { MilestoneState } from '../../src/types';
import type { Ctx } from './ctx';
import { NextLink } from './NextLink';

/**
 * The first milestone still to do (active or overdue), in definition order.
 *
 * @example
 * firstUnfinished(wm.milestones())?.title;
 */
export const firstUnfinished = (ms: MilestoneState[]): MilestoneState | undefined =>
  ms.find((m) => m.status === 'active' || m.status === 'overdue');

/**
 * The "Up next" prompt: the first unfinished milestone and its next step.
 *
 * @example
 * <NextStep c={c} />
 */
export const NextStep = ({ c }: { c: Ctx }) => {
  const m = firstUnfinished(c.s.milestones.value);
  if (!m) return null;
  return (
    <div class="nx">
      <p class="ey">{c.t('upNext')}</p>
      <p class="nt">{m.title}</p>
      <NextLink c={c} m={m} />
    </div>
  );
};
