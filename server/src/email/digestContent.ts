import type { MilestoneState } from 'waymark/engine';
import { DAY } from '../timeUnits';
import type { EmailContent, EmailItem } from './EmailContent';
import { formatValue } from './formatValue';

const date = (t: number) =>
  new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(t);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
// The window (from, to] runs from the last digest to this run, seldom from midnight: each end is taken to its
// nearest midnight, so a 7-day window names 7 days (Monday 10:00 to Monday 10:00 is Monday to Sunday), and the next
// digest starts the day after this one ends.
const nearestMidnight = (t: number) => Math.round(t / DAY) * DAY;

const item = (m: MilestoneState, icon: string): EmailItem => {
  // The badge's icon once: not again in the detail when it already stands as the line's icon.
  const badgeIcon = m.badge?.icon && m.badge.icon !== icon ? `${m.badge.icon} ` : '';
  const detail = [m.badge && `${badgeIcon}${m.badge.name} badge`, formatValue(m)].filter(Boolean).join(' · ');
  return { icon, title: m.title, ...(detail && { detail }) };
};

/**
 * The weekly digest: what the user reached since `from` ("This week you ✅ …"), what their team reached (account
 * milestones, and teammates' milestones counted, never named), and the next step. Made when the user or the team
 * reached something; a week where only the team did is the team's news ("This week your team ✅ …").
 *
 * @example
 * digestContent({ brand: 'Acme', from, to, mine: [tenTasks], team: { milestones: [], teammates: [] }, cta });
 */
export function digestContent(o: {
  brand: string;
  from: number;
  to: number;
  mine: MilestoneState[];
  team: { name?: string; milestones: MilestoneState[]; teammates: { title: string; count: number }[] };
  cta?: EmailContent['cta'];
}): EmailContent {
  const { brand, mine } = o;
  const week = o.to - o.from <= 8 * DAY;
  const first = nearestMidnight(o.from);
  const last = Math.max(first, nearestMidnight(o.to) - DAY);
  const when = week ? 'this week' : `since ${date(first)}`;
  const When = week ? 'This week' : `Since ${date(first)}`;
  const teamItems = [
    ...o.team.milestones.map((m) => item(m, m.badge?.icon || '🙌')),
    ...o.team.teammates.map((t) => ({
      icon: '👏',
      title: t.title,
      detail: `${plural(t.count, 'teammate', 'teammates')} reached it`,
    })),
  ];
  const heading = o.team.name ? `${o.team.name}, your team` : 'Your team';
  const common = {
    kind: 'digest' as const,
    eyebrow: `Your ${week ? 'week' : 'progress'} in ${brand} · ${date(first)} – ${date(last)}`,
    ...(o.cta && { cta: o.cta }),
    why: `You get this summary because you use ${brand}. It only comes in weeks when you or your team reached something.`,
  };
  if (!mine.length) {
    // Only the team moved: the digest is the team's news.
    const first = o.team.milestones[0]?.title ?? o.team.teammates[0]?.title;
    const more = teamItems.length > 1 ? ` and ${plural(teamItems.length - 1, 'more', 'more')}` : '';
    return {
      ...common,
      subject: `${When} your team ✅ ${first}${more}`,
      preheader: `What ${o.team.name ?? 'your team'} reached ${when}, and what you could do next.`,
      headline: `Your team kept going ${when}`,
      team: { heading, items: teamItems },
    };
  }
  const more = mine.length > 1 ? ` and ${plural(mine.length - 1, 'more', 'more')}` : '';
  return {
    ...common,
    subject: `${When} you ✅ ${mine[0].title}${more}`,
    preheader: `${plural(mine.length, 'milestone', 'milestones')} ${when}${teamItems.length ? ', and your team kept going too' : ''}.`,
    headline: `You reached ${plural(mine.length, 'milestone', 'milestones')} ${when}`,
    items: mine.map((m) => item(m, '✅')),
    ...(teamItems.length && { team: { heading, items: teamItems } }),
  };
}
