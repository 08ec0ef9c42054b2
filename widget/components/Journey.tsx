import { journeyEntries } from '../journeyEntries';
import { roiTotal } from '../roiTotal';
import type { Ctx } from './ctx';
import { Check } from './icons';

/**
 * The "Your journey" view: the time saved since the start (the ROI of every milestone together), then what was
 * achieved, newest first, on a timeline: each milestone and completed level with its day and badge.
 *
 * @example
 * {c.s.view.value === 'journey' && <Journey c={c} />}
 */
export const Journey = ({ c }: { c: Ctx }) => {
  const { t } = c;
  const total = roiTotal(c.s.milestones.value);
  const entries = journeyEntries(c.s.milestones.value, c.s.levels.value);
  const time = total && t.minutes(total.minutes);
  return (
    <div class="jr">
      {total && (
        <p class="jt">
          {total.money && total.currency
            ? t('journeyTotalMoney', { time: time!, money: t.money(total.money, total.currency) })
            : t('journeyTotal', { time: time! })}
        </p>
      )}
      {entries.length ? (
        <ol class="tl">
          {entries.map((e) => (
            <li key={e.key} class={e.kind === 'level' ? 'te lvl' : 'te'}>
              <span class="dot" aria-hidden="true">
                {e.badge?.icon ?? <Check />}
              </span>
              <div>
                {e.at !== undefined && <time dateTime={new Date(e.at).toISOString()}>{t.date(e.at)}</time>}
                <p class="tt">{e.title}</p>
                {(e.kind === 'level' || e.badge) && (
                  <p class="ds">
                    {[e.kind === 'level' ? t('journeyLevel') : '', e.badge?.name ?? ''].filter(Boolean).join(' · ')}
                  </p>
                )}
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <p class="me">{t('journeyEmpty')}</p>
      )}
    </div>
  );
};
