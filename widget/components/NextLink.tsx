import type { MilestoneState } from 'waymark';
import { safeHref } from '../safeHref';
import type { Ctx } from './ctx';
import { Arrow } from './icons';

/**
 * A milestone's next step: a link when `next.href` is http(s) or relative, a button when the
 * host handles `onNext`, plain text otherwise. A click tracks `waymark_next_step`, nothing more.
 *
 * @example
 * <NextLink c={c} m={milestone} />
 */
export const NextLink = ({ c, m }: { c: Ctx; m?: MilestoneState }) => {
  const n = m?.next;
  if (!m || !n?.label) return null;
  const href = safeHref(n.href);
  const click = (e: Event) => {
    try {
      c.wm.track('waymark_next_step', { milestone: m.id });
      c.o.onNext?.(m.id, e);
    } catch {
      // A host callback that throws must not break the widget.
    }
  };
  if (href)
    return (
      <a class="btn" href={href} onClick={click}>
        {n.label}
        <Arrow />
      </a>
    );
  return c.o.onNext ? (
    <button class="btn" type="button" onClick={click}>
      {n.label}
      <Arrow />
    </button>
  ) : (
    <p class="me">{n.label}</p>
  );
};
