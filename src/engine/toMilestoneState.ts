import type { CompiledMilestone, RuleContext } from './compileDefinitions';
import { lockedBy as waitsFor } from './lockedBy';
import type { MilestoneState, MilestoneStatus } from '../types';
import type { UserDoc } from './userDoc';

/**
 * Builds the public state of one milestone from its compiled definition and the user's data (`doc`, whose leaves
 * and achievements `ctx` reads, at the time it holds).
 *
 * @example
 * toMilestoneState(compiled, ctx, doc); // { id: 'first', status: 'active', current: 0, target: 1, … }
 */
export function toMilestoneState(m: CompiledMilestone, ctx: RuleContext, doc: UserDoc): MilestoneState {
  const d = m.def_;
  const start = doc.startedAt;
  const achievedAt = ctx.achieved_[d.id];
  const achieved = achievedAt !== undefined;
  const lockedBy = waitsFor(doc, m);
  let status: MilestoneStatus = 'active';
  if (achieved) status = 'achieved';
  else if (lockedBy) status = 'locked';
  else if (m.due_ && ctx.now_ >= start + m.due_) status = 'overdue';
  const [counted, target] = m.node_.progress_(ctx);
  // Achieved means the target was reached, even where this device counted less: on another device, by the backend,
  // for the account, or a streak whose run has since ended. Every consumer (widget, hooks, ROI) then agrees.
  const current = achieved ? Math.max(counted, target) : counted;
  const state: MilestoneState = {
    id: d.id,
    title: d.title,
    status,
    current,
    target,
    ratio: achieved ? 1 : Math.min(1, target > 0 ? current / target : 0),
    celebrate: d.celebrate || 'confetti',
    scope: d.scope || 'user',
  };
  if (d.description !== undefined) state.description = d.description;
  if (d.stage) state.stage = d.stage;
  if (m.level_) state.level = m.level_;
  if (achieved) state.achievedAt = achievedAt;
  if (m.due_) state.due = start + m.due_;
  if (d.badge) state.badge = d.badge;
  if (d.next) state.next = d.next;
  if (d.benchmark) state.benchmark = d.benchmark;
  if (lockedBy) state.lockedBy = lockedBy;
  if (d.value) {
    const { per, unit, rate, currency } = d.value;
    const minutesSaved = current * per * (unit === 'hours' ? 60 : 1);
    state.value = { units: current, minutesSaved };
    if (rate !== undefined) {
      state.value.moneySaved = (minutesSaved / 60) * rate;
      state.value.currency = currency || 'USD';
    }
  }
  return state;
}
