import type { CompiledDefinitions, CompiledMilestone, RuleContext, RuleNode } from './compileDefinitions';
import { createLeaf, type Leaf, type LeafState } from './createLeaf';
import type {
  AllRule,
  AnyRule,
  CountRule,
  DistinctRule,
  EventRule,
  MilestonesRule,
  Rule,
  StreakRule,
  SumRule,
} from '../types';

/** Any rule's fields, each maybe absent: what `compile` looks at to tell the forms apart. */
type RuleFields = Partial<AllRule & AnyRule & MilestonesRule & CountRule & SumRule & DistinctRule & StreakRule>;

const leafState = (ctx: RuleContext, leaf: Leaf): LeafState => ctx.leaves_[leaf.key_] || { n: 0 };

/**
 * Compiles rules into the nodes that evaluate them, sharing one leaf between event rules with the same signature
 * and entering each leaf in `into` (the event index, the milestones that read it, the events the backend evaluates).
 *
 * @example
 * const compile = createRuleCompiler(compiled);
 * milestone.node_ = compile({ event: 'task_completed', count: 3 }, milestone, false);
 */
export function createRuleCompiler(into: Pick<CompiledDefinitions, 'index_' | 'quietEvents_'>) {
  const leaves = new Map<string, Leaf>();
  const compile = (rule: Rule, owner: CompiledMilestone, remote: boolean): RuleNode => {
    const r = rule as RuleFields;
    const group = r.all || r.any;
    if (group)
      return groupNode(
        group.map((k: Rule) => compile(k, owner, remote)),
        !!r.all,
      );
    if (r.milestones) {
      const ids: string[] = r.milestones;
      return {
        progress_: (ctx) => [ids.filter((id) => id in ctx.achieved_).length, ids.length],
        met_: (ctx) => ids.every((id) => id in ctx.achieved_),
      };
    }
    const target: number = r.count ?? r.gte ?? r.streak ?? 1;
    if (remote) {
      into.quietEvents_.add(r.event!);
      return { progress_: () => [0, target], met_: () => false };
    }
    const fresh = createLeaf(rule as EventRule);
    const leaf = leaves.get(fresh.key_) || fresh;
    if (leaf === fresh) {
      leaves.set(leaf.key_, leaf);
      into.index_.set(leaf.event_, [...(into.index_.get(leaf.event_) || []), leaf]);
    }
    if (leaf.kind_ === 'distinct') leaf.cap_ = Math.max(leaf.cap_, target);
    if (leaf.kind_ === 'streak' || r.last) owner.timed_ = true;
    if (!leaf.readers_.includes(owner)) leaf.readers_.push(owner);
    return {
      progress_: (ctx) => {
        const n = leaf.current_(leafState(ctx, leaf), ctx.now_);
        return [leaf.kind_ === 'distinct' ? Math.min(n, target) : n, target];
      },
      met_: (ctx) => leaf.best_(leafState(ctx, leaf), ctx.now_) >= target,
    };
  };
  return compile;
}

/** An `all` group (met when every sub-rule is) or an `any` group (when one is). */
function groupNode(kids: RuleNode[], all: boolean): RuleNode {
  if (all)
    return {
      progress_: (ctx) => [kids.filter((k) => k.met_(ctx)).length, kids.length],
      met_: (ctx) => kids.every((k) => k.met_(ctx)),
    };
  // `any` shows the sub-rule closest to done.
  return {
    progress_: (ctx) =>
      kids
        .map((k) => (k.met_(ctx) ? ([1, 1] as [number, number]) : k.progress_(ctx)))
        .reduce((a, b) => (b[0] / b[1] > a[0] / a[1] ? b : a)),
    met_: (ctx) => kids.some((k) => k.met_(ctx)),
  };
}
