import { celebrationText } from '../celebrationText';
import { nextUp } from '../nextUp';
import { overall } from '../overall';
import { shownByPanel } from '../shownByPanel';
import type { Ctx } from './ctx';
import { Close } from './icons';
import { NextLink } from './NextLink';
import { Share } from './Share';

/**
 * The celebration: "Milestone achieved: …" (or "Level complete: …") with the badges earned, then what to do next:
 * the next unfinished milestone with its own call to action, never what was just done; "All done!" after the last
 * (neither while the open panel shows the same); Share when the `share` option is set. It stays up while the pointer or focus is in it.
 *
 * @example
 * <Toast c={c} />
 */
export const Toast = ({ c }: { c: Ctx }) => {
  const items = c.s.toast.value;
  if (!items.length) return null;
  const [title, ...details] = celebrationText(c.t, items);
  const level = items.find((a) => a.kind === 'level');
  const icon = level?.badge?.icon ?? items.find((a) => a.badge?.icon)?.badge?.icon ?? '🎉';
  const milestones = c.s.milestones.value;
  const next = nextUp(milestones, c.s.levels.value, items);
  // The open panel's Progress tab says "Up next" (or "All done!") itself, beside the toast or, on a phone, under it:
  // the toast does not repeat it. With the panel closed or on the journey, the toast says it again.
  const said = shownByPanel(c.s, milestones, c.s.levels.value, next);
  // What a share names: the level when one was completed, else the last milestone.
  const shared = level ?? items[items.length - 1];
  const hold = (held: boolean) => () => (c.s.held.value = held);
  return (
    // A labelled region: assistive technology can find the celebration among the page's landmarks.
    <section
      class={level ? 'ts lv-done' : 'ts'}
      aria-label={title}
      onPointerEnter={hold(true)}
      onPointerLeave={hold(false)}
      onFocusIn={hold(true)}
      onFocusOut={hold(false)}
    >
      <span class="i" aria-hidden="true">
        {icon}
      </span>
      <div>
        <p class="tt">{title}</p>
        {details.map((line) => (
          <p key={line} class="ds">
            {line}
          </p>
        ))}
        {said ? null : next ? (
          <div class="tn">
            <p class="ey">{c.t('upNext')}</p>
            <p class="nt">{next.title}</p>
            <NextLink c={c} m={next} />
          </div>
        ) : (
          overall(milestones).done && <p class="ds">{c.t('allDoneText')}</p>
        )}
        <Share c={c} id={shared.id} title={shared.title} />
      </div>
      <button class="x" type="button" aria-label={c.t('dismiss')} onClick={() => (c.s.toast.value = [])}>
        <Close />
      </button>
    </section>
  );
};
