import type { CompiledDefinitions, CompiledMilestone, RuleContext } from './compileDefinitions';
import type { createEventQueue } from './createEventQueue';
import type { Leaf } from './createLeaf';
import { isAchieved, isOpen, lockedBy } from './lockedBy';
import { recordLevels } from './recordLevels';
import type { Properties } from '../types';
import type { UserDoc } from './userDoc';

/**
 * Achieves what is met for `doc`'s user: after an event (`count_`), after any other change (`achieveMet_`), and what
 * an achievement unlocks or completes in turn. Each achievement queues `achieved`, each milestone it unlocks `unlocked`.
 *
 * @example
 * const achiever = createAchiever(doc, compiled, ctx, events.push_, deadlines.reset_, options.listens);
 * if (achiever.count_(leaves, props, ts)) touch();
 */
export function createAchiever(
  doc: UserDoc,
  defs: CompiledDefinitions,
  ctx: RuleContext,
  push: ReturnType<typeof createEventQueue>['push_'],
  achieved: () => void,
  listens: (event: 'progress') => boolean,
) {
  const canAchieve = (m: CompiledMilestone) => isOpen(doc, m) && m.def_.scope !== 'account' && m.node_.met_(ctx);
  const achieve = (m: CompiledMilestone, at: number) => {
    doc.achieved[m.def_.id] = at;
    recordLevels(doc, defs.levels_, at);
    doc.last = Math.max(doc.last ?? at, at);
    achieved();
    push('achieved', m);
    for (const d of m.dependents_) {
      if (isAchieved(doc, d) || d.hidden_) continue;
      if (lockedBy(doc, d)) d.locked_ = true;
      else if (d.locked_) {
        d.locked_ = false;
        push('unlocked', d);
      }
      if (canAchieve(d)) achieve(d, at);
    }
  };
  return {
    achieve_: achieve,
    /** Achieves every milestone met at the time the rule context holds. */
    achieveMet_() {
      for (const m of defs.list_) if (canAchieve(m)) achieve(m, ctx.now_);
    },
    /** Counts an event at `ts` in the leaves listening for it; whether any leaf changed. */
    count_(leaves: Leaf[], props: Properties, ts: number): boolean {
      let changed = false;
      let progress: boolean | undefined;
      for (const leaf of leaves) {
        if (!leaf.accepts_(props, ts, ctx.now_, doc.startedAt)) continue;
        let s = doc.leaves[leaf.key_];
        if (!s) {
          s = { n: 0 };
          doc.leaves[leaf.key_] = s;
        }
        if (!leaf.add_(s, props, ts)) continue;
        changed = true;
        for (const m of leaf.readers_) {
          if (isAchieved(doc, m) || m.hidden_) continue;
          progress ??= listens('progress');
          if (progress) push('progress', m);
          if (!m.locked_ && m.node_.met_(ctx)) achieve(m, ts);
        }
      }
      return changed;
    },
  };
}
