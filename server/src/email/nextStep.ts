import type { LevelState, MilestoneState } from 'waymark/engine';

/** A link's target when it is http(s), resolved against the app; undefined for anything else (`javascript:`…). */
export const absoluteHref = (href: string | undefined, appUrl: string | undefined): string | undefined => {
  if (!href) return undefined;
  try {
    const url = new URL(href, appUrl);
    return /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
};

/**
 * An email's call to action, as the widget's celebration chooses it: the first unfinished milestone the user can work
 * on (in level order, then definition order; never one just celebrated) with its `next` step; else the app. The
 * widget's `nextUp` is in the browser bundle, so the few lines are repeated here. Undefined when there is nowhere to
 * link to (no `next.href` and no `appUrl`).
 *
 * @example
 * nextStep(milestones, levels, ['ten-tasks'], { appUrl: 'https://app.acme.example', brand: 'Acme' });
 * // { lead: 'Next up: Invite your team', label: 'Invite a teammate', href: 'https://app.acme.example/team' }
 */
export function nextStep(
  milestones: MilestoneState[],
  levels: LevelState[],
  except: string[],
  o: { appUrl?: string; brand: string },
): { lead?: string; label: string; href: string } | undefined {
  const byId = new Map(milestones.map((m) => [m.id, m]));
  const ordered = new Set<MilestoneState>();
  for (const level of levels) for (const id of level.milestones ?? []) if (byId.has(id)) ordered.add(byId.get(id)!);
  for (const m of milestones) ordered.add(m);
  const next = [...ordered].find((m) => (m.status === 'active' || m.status === 'overdue') && !except.includes(m.id));
  const href = absoluteHref(next?.next?.href, o.appUrl);
  if (next?.next && href) return { lead: `Next up: ${next.title}`, label: next.next.label, href };
  if (!o.appUrl) return undefined;
  return { ...(next && { lead: `Next up: ${next.title}` }), label: `Open ${o.brand}`, href: o.appUrl };
}
