import type { MilestoneState } from 'waymark/engine';
import type { EmailContent } from './EmailContent';
import { formatValue } from './formatValue';

/**
 * The team announcement of an account-scope milestone, sent to everyone on the account with an email address: "Your
 * team just completed 50 tasks". `team` is the account's `name` trait when it has one.
 *
 * @example
 * teamContent({ brand: 'Acme', team: 'Globex', milestone, cta });
 */
export function teamContent(o: {
  brand: string;
  team?: string;
  milestone: MilestoneState;
  cta?: EmailContent['cta'];
}): EmailContent {
  const { milestone: m, brand } = o;
  const icon = m.badge?.icon || '🙌';
  const roi = formatValue(m);
  const who = o.team || 'Your team';
  return {
    kind: 'team',
    subject: `${icon} ${who} reached a milestone: ${m.title}`,
    preheader: roi ? `Together: ${roi}.` : (m.description ?? 'Thanks for your part in it.'),
    eyebrow: o.team ? `Team milestone · ${o.team}` : 'Team milestone',
    headline: `${who} just reached “${m.title}”`,
    body: m.description
      ? `${m.description} Thanks for your part in it.`
      : 'Everyone on the team gets this email. Thanks for your part in it.',
    badge: {
      icon,
      ...(m.badge && { name: m.badge.name }),
      label: m.badge ? `Your team earned the ${m.badge.name} badge` : 'Well done, everyone',
    },
    ...(roi && { roi: `Together: ${roi}` }),
    ...(o.cta && { cta: o.cta }),
    why: `You get this email because your team uses ${brand}.`,
  };
}
