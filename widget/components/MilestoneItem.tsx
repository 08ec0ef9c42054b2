import type { MilestoneState } from 'waymark';
import type { Ctx } from './ctx';
import { Check, Lock } from './icons';
import { NextLink } from './NextLink';
import { ProgressBar } from './ProgressBar';

const statusLine = (c: Ctx, m: MilestoneState): string => {
  const { t } = c;
  if (m.status === 'achieved') return m.achievedAt ? t('achieved', { date: t.date(m.achievedAt) }) : '';
  if (m.status === 'overdue') return t('overdue');
  if (m.status === 'locked') {
    const titles = (m.lockedBy || []).map(
      (id) =>
        c.s.milestones.value.find((x) => x.id === id)?.title ?? c.s.levels.value.find((x) => x.id === id)?.title ?? id,
    );
    return titles.length ? t('locked', { list: t.list(titles) }) : '';
  }
  // An active milestone's bar and count say it is in progress; only a due date adds something.
  return m.due ? t('due', { date: t.date(m.due) }) : '';
};

// Comparisons only where they are true and kind: how fast others got here once the user has too (and is ahead of
// most), how long teams typically take while it is still to do.
const comparison = (c: Ctx, m: MilestoneState): string => {
  const b = m.benchmark;
  if (!b) return '';
  if (m.status === 'achieved')
    return b.percentile != null && b.percentile >= 50 ? c.t('ahead', { percent: c.t.pct(b.percentile) }) : '';
  return b.typicalDays ? c.t('typical', { week: Math.max(1, Math.ceil(b.typicalDays / 7)) }) : '';
};

const extraLines = (c: Ctx, m: MilestoneState): [string, string][] => {
  const { t } = c;
  const out: [string, string][] = [];
  const v = m.value;
  if (v && v.minutesSaved > 0) {
    const time = t.minutes(v.minutesSaved);
    out.push([
      v.moneySaved && v.currency
        ? t('roiMoney', { time, money: t.money(v.moneySaved, v.currency) })
        : t('roi', { time }),
      'me v',
    ]);
  }
  const line = comparison(c, m);
  if (line) out.push([line, 'me']);
  return out;
};

/**
 * One milestone as a list item: status mark, title, description, progress bar with
 * "7 / 10", status line (locked, due, achieved with date, overdue with its next step),
 * ROI line and a comparison where one is true and kind.
 *
 * @example
 * <ul><MilestoneItem c={c} m={milestone} /></ul>
 */
export const MilestoneItem = ({ c, m }: { c: Ctx; m: MilestoneState }) => {
  // Achieved is achieved: a milestone achieved elsewhere (another device, the backend) shows a full count too.
  const value = m.status === 'achieved' ? m.target : Math.min(m.current, m.target);
  const count = c.t('count', { current: value, target: m.target });
  const status = statusLine(c, m);
  return (
    <li class={'ms ' + m.status}>
      <span class="st" aria-hidden="true">
        {m.status === 'achieved' ? <Check /> : m.status === 'locked' ? <Lock /> : null}
      </span>
      <div>
        <p class="tt">{m.title}</p>
        {m.description && <p class="ds">{m.description}</p>}
        <div class="row">
          <ProgressBar
            value={value}
            max={m.target}
            ratio={m.status === 'achieved' ? 1 : m.ratio}
            label={m.title}
            text={count}
          />
          <span class="ct" aria-hidden="true">
            {count}
          </span>
        </div>
        {status && <p class="me s">{status}</p>}
        {extraLines(c, m).map(([line, cls]) => (
          <p key={cls} class={cls}>
            {line}
          </p>
        ))}
        {m.status === 'overdue' && <NextLink c={c} m={m} />}
      </div>
    </li>
  );
};
