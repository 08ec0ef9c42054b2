import type { CompiledDefinitions, RuleContext } from './compileDefinitions';
import { createAchiever } from './createAchiever';
import { createDeadlines } from './createDeadlines';
import type { EngineOptions } from './createEngine';
import type { createEventQueue } from './createEventQueue';
import { lockedBy } from './lockedBy';
import { matchesSegment } from './matchesSegment';
import { recordLevels } from './recordLevels';
import { reportUnknownEvent } from './reportUnknownEvent';
import { toLevelStates } from './toLevelStates';
import { toMilestoneState } from './toMilestoneState';
import type { LevelState, MilestoneState, Properties } from '../types';
import type { UserDoc } from './userDoc';

/**
 * One user's document evaluated against one set of definitions, from the moment either (or the user's traits)
 * changes until the next such change: which milestones the user sees and which are locked are settled on creation,
 * then events, achievements from elsewhere and time move it on. Events are queued on `events`, for the engine to
 * emit once an operation is complete; the public states are built when read and kept until the state changes.
 *
 * @example
 * const current = createEvaluation(compiled, doc, options, events);
 * current.evaluate_(); // achieves what is met, fires what is due
 * current.track_('task_completed', {}, Date.now());
 */
export function createEvaluation(
  defs: CompiledDefinitions,
  doc: UserDoc,
  o: EngineOptions,
  events: ReturnType<typeof createEventQueue>,
) {
  const ctx: RuleContext = { leaves_: doc.leaves, achieved_: doc.achieved, now_: 0 };
  const list = defs.list_;
  for (const m of list) m.hidden_ = !!m.def_.segment && !matchesSegment(m.def_.segment, doc.traits);
  for (const m of list) m.locked_ = !m.hidden_ && !!lockedBy(doc, m);
  let milestones: MilestoneState[] | undefined;
  let levels: LevelState[] | undefined;
  const touch = () => {
    milestones = levels = undefined;
    o.changed();
  };
  const deadlines = createDeadlines(doc, list, ctx, o.stalledAfter, events.push_, touch);
  const achiever = createAchiever(doc, defs, ctx, events.push_, deadlines.reset_, o.listens);
  const read = () => {
    ctx.now_ = o.now();
    milestones = list.filter((m) => !m.hidden_).map((m) => toMilestoneState(m, ctx, doc));
    return milestones;
  };
  return {
    stateOf_: (m: (typeof list)[number]) => toMilestoneState(m, ctx, doc),
    /** Achieves whatever is met, and fires what is due. */
    evaluate_() {
      ctx.now_ = o.now();
      achiever.achieveMet_();
      recordLevels(doc, defs.levels_, ctx.now_);
      deadlines.check_();
      touch();
    },
    achieve_: achiever.achieve_,
    track_(name: string, props: Properties, ts: number) {
      ctx.now_ = o.now();
      const leaves = defs.index_.get(name);
      if (!leaves) reportUnknownEvent(defs, name, o.report);
      else if (achiever.count_(leaves, props, ts)) touch();
      deadlines.check_();
    },
    /** Time passed: fires what is due, and rebuilds the states if time can change them (touching if it did). */
    tick_() {
      ctx.now_ = o.now();
      deadlines.check_();
      events.drain_();
      const before = milestones;
      if (!before || !list.some((m) => m.timed_ || m.due_)) return;
      if (read().some((s, i) => s.status !== before[i].status || s.current !== before[i].current)) touch();
      else milestones = before;
    },
    milestones_: () => milestones || read(),
    levels_: () => {
      levels ||= toLevelStates(defs.levels_, doc);
      return levels;
    },
  };
}
