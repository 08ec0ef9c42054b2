import type { MilestoneState } from 'waymark/engine';
import type { EmailContent, EmailItem } from './EmailContent';
import { formatValue } from './formatValue';

const DAY = 864e5;
const date = (t: number) => new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(t);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const item = (m: MilestoneState, icon: string): EmailItem => {
  const detail = [m.badge && `${m.badge.icon ? m.badge.icon + ' ' : ''}${m.badge.name} badge`, formatValue(m)].filter(Boolean).join(' · ');
  return { icon, title: m.title, ...(detail && { detail }) };
};

/**
 * The weekly digest: what the user reached since `from` ("This week you ✅ …"), what their team reached (account
 * milestones, and teammates' milestones counted, never named), and the next step. Only made when `mine` is not empty.
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
  const when = week ? 'this week' : `since ${date(o.from)}`;
  const more = mine.length > 1 ? ` and ${plural(mine.length - 1, 'more', 'more')}` : '';
  const teamItems = [
    ...o.team.milestones.map((m) => item(m, m.badge?.icon || '🙌')),
    ...o.team.teammates.map((t) => ({ icon: '👏', title: t.title, detail: `${plural(t.count, 'teammate', 'teammates')} reached it` })),
  ];
  return {
    kind: 'digest',
    subject: `${week ? 'This week' : `Since ${date(o.from)}`} you ✅ ${mine[0].title}${more}`,
    preheader: `${plural(mine.length, 'milestone', 'milestones')} ${when}${teamItems.length ? ', and your team kept going too' : ''}.`,
    eyebrow: `Your ${week ? 'week' : 'progress'} in ${brand} · ${date(o.from)} – ${date(o.to)}`,
    headline: `You reached ${plural(mine.length, 'milestone', 'milestones')} ${when}`,
    items: mine.map((m) => item(m, '✅')),
    ...(teamItems.length && { team: { heading: o.team.name ? `${o.team.name}, your team` : 'Your team', items: teamItems } }),
    ...(o.cta && { cta: o.cta }),
    why: `You get this weekly summary because you use ${brand}. It only comes in weeks you reached something.`,
  };
}
