import type { MilestoneState } from 'waymark/engine';
import type { EmailContent } from './EmailContent';
import { formatValue } from './formatValue';

/**
 * The celebration email of one milestone a user reached: its title as the headline, its description, the badge, the
 * ROI line, and the next step.
 *
 * @example
 * celebrationContent({ brand: 'Acme', milestone, cta: { label: 'Invite a teammate', href: 'https://app.acme.example/team' } });
 */
export function celebrationContent(o: {
  brand: string;
  milestone: MilestoneState;
  cta?: EmailContent['cta'];
}): EmailContent {
  const { milestone: m, brand } = o;
  const icon = m.badge?.icon || '🎉';
  const roi = formatValue(m);
  return {
    kind: 'celebration',
    subject: `${icon} Milestone reached: ${m.title}`,
    preheader: roi ? `${roi}. Nice work!` : (m.description ?? `Nice work! Here is what comes next in ${brand}.`),
    eyebrow: 'Milestone reached',
    headline: m.title,
    ...(m.description && { body: m.description }),
    badge: {
      icon,
      ...(m.badge && { name: m.badge.name }),
      label: m.badge ? `You earned the ${m.badge.name} badge` : 'Nice work!',
    },
    ...(roi && { roi }),
    ...(o.cta && { cta: o.cta }),
    why: `You get this email because you use ${brand} and reached a milestone.`,
  };
}
