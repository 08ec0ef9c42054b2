import type { CompiledMilestone } from './compileDefinitions';
import type { createEventQueue } from './createEventQueue';
import { isOpen } from './lockedBy';
import type { UserDoc } from './userDoc';

/**
 * Fires the clock-driven events due at `now` for `doc`'s user, each once: `stalled` for a milestone past its `due`,
 * and for a quiet period of `stalledAfter` ms (0: none) without an achievement. Calls `changed` if it fired any, and
 * returns the next deadline (`Infinity` when none), before which nothing can fire.
 *
 * @example
 * next = findDeadline(doc, compiled.list_, Date.now(), 0, events.push_, touch);
 */
export function findDeadline(
  doc: UserDoc,
  list: CompiledMilestone[],
  now: number,
  stalledAfter: number,
  push: ReturnType<typeof createEventQueue>['push_'],
  changed: () => void,
): number {
  let next = Infinity;
  let fired = false;
  for (const m of list) {
    if (!m.due_ || !isOpen(doc, m) || doc.stalled[m.def_.id]) continue;
    const at = doc.startedAt + m.due_;
    if (at > now) next = Math.min(next, at);
    else {
      doc.stalled[m.def_.id] = 1;
      push('stalled', m, { reason: 'overdue' });
      fired = true;
    }
  }
  const base = doc.last ?? doc.startedAt;
  if (stalledAfter && doc.quiet !== base) {
    const at = base + stalledAfter;
    if (at > now) next = Math.min(next, at);
    else {
      doc.quiet = base;
      fired = true;
      // The quiet-period nudge points at the first milestone the user can work on now.
      const m = list.find((x) => isOpen(doc, x));
      if (m) push('stalled', m, { reason: 'quiet' });
    }
  }
  if (fired) changed();
  return next;
}
