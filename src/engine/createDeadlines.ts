import type { CompiledMilestone, RuleContext } from './compileDefinitions';
import type { createEventQueue } from './createEventQueue';
import { findDeadline } from './findDeadline';
import type { UserDoc } from './userDoc';

/**
 * The clock-driven events of `doc`'s user (a milestone past its `due`, a quiet period of `stalledAfter` ms), looked
 * at again only once the rule context's clock reaches the next deadline, or after `reset_`.
 *
 * @example
 * const deadlines = createDeadlines(doc, compiled.list_, ctx, options.stalledAfter, events.push_, touch);
 * deadlines.check_(); // fires what is due at ctx.now_
 */
export function createDeadlines(
  doc: UserDoc,
  list: CompiledMilestone[],
  ctx: RuleContext,
  stalledAfter: number,
  push: ReturnType<typeof createEventQueue>['push_'],
  changed: () => void,
) {
  let next = -Infinity;
  return {
    check_() {
      if (ctx.now_ >= next) next = findDeadline(doc, list, ctx.now_, stalledAfter, push, changed);
    },
    // Achievements open other milestones and restart the quiet period: every deadline is looked at again.
    reset_() {
      next = -Infinity;
    },
  };
}
