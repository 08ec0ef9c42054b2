import { celebrationText } from '../celebrationText';
import type { Ctx } from './ctx';
import { Close } from './icons';
import { NextLink } from './NextLink';
import { firstUnfinished } from './NextStep';

/**
 * "Milestone unlocked: …" with the badge and the next step.
 *
 * @example
 * <Toast c={c} />
 */
export const Toast = ({ c }: { c: Ctx }) => {
  const items = c.s.toast.value;
  if (!items.length) return null;
  const [title, badgeLine] = celebrationText(c.t, items);
  const icon = items.find((m) => m.badge?.icon)?.badge?.icon ?? '🎉';
  const next = [...items].reverse().find((m) => m.next) ?? firstUnfinished(c.s.milestones.value);
  return (
    // A labelled region: assistive technology can find the celebration among the page's landmarks.
    <section class="ts" aria-label={title}>
      <span class="i" aria-hidden="true">
        {icon}
      </span>
      <div>
        <p class="tt">{title}</p>
        {badgeLine && <p class="ds">{badgeLine}</p>}
        <NextLink c={c} m={next} />
      </div>
      <button class="x" type="button" aria-label={c.t('dismiss')} onClick={() => (c.s.toast.value = [])}>
        <Close />
      </button>
    </section>
  );
};
