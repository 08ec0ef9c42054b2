import { createLeaf, type Leaf, type LeafState } from './createLeaf';
import { parseDuration } from './parseDuration';
import type {
  AllRule,
  AnyRule,
  CountRule,
  DistinctRule,
  EventRule,
  LevelDefinition,
  MilestoneDefinition,
  MilestonesRule,
  Rule,
  StreakRule,
  SumRule,
} from '../types';

/** Any rule's fields, each maybe absent: what `compile` looks at to tell the forms apart. */
type RuleFields = Partial<AllRule & AnyRule & MilestonesRule & CountRule & SumRule & DistinctRule & StreakRule>;

/** What a rule node reads: leaf states, achievements and the clock. */
export interface RuleContext {
  leaves_: Record<string, LeafState>;
  achieved_: Record<string, number>;
  now_: number;
}

/** A compiled rule: its progress as `[current, target]`, and whether it is met. */
export interface RuleNode {
  progress_(ctx: RuleContext): [number, number];
  met_(ctx: RuleContext): boolean;
}

export interface CompiledMilestone {
  def_: MilestoneDefinition;
  node_: RuleNode;
  /** Duration of `due` from the user's start. */
  due_?: number;
  /** Id of the first level listing it. */
  level_?: string;
  /** Levels whose completion it waits for (a sequential level's predecessor). */
  after_: CompiledLevel[];
  /** Milestones to check again when this one is achieved. */
  dependents_: CompiledMilestone[];
  /** Reads leaves whose state changes over time alone (streaks, rolling windows). */
  timed_: boolean;
}

export interface CompiledLevel {
  def_: LevelDefinition;
  members_: CompiledMilestone[];
}

export interface CompiledDefinitions {
  list_: CompiledMilestone[];
  byId_: Map<string, CompiledMilestone>;
  levels_: CompiledLevel[];
  /** Event name → the leaves that listen for it. */
  index_: Map<string, Leaf[]>;
  /** Leaf → the milestones that read it. */
  readers_: Map<Leaf, CompiledMilestone[]>;
  /** Event names the backend evaluates (account scope): tracked, but not unknown. */
  remoteEvents_: Set<string>;
}

const leafState = (ctx: RuleContext, leaf: Leaf): LeafState => ctx.leaves_[leaf.key_] || { n: 0 };

/**
 * Compiles validated definitions: shares one leaf between rules with the same signature,
 * indexes leaves by event name, and links each milestone to the ones that wait for it.
 *
 * @example
 * const compiled = compileDefinitions([{ id: 'a', title: 'A', rule: { event: 'e' } }], []);
 * compiled.index_.get('e'); // [leaf]
 */
export function compileDefinitions(milestones: MilestoneDefinition[], levels: LevelDefinition[]): CompiledDefinitions {
  const leaves = new Map<string, Leaf>();
  const index = new Map<string, Leaf[]>();
  const readers = new Map<Leaf, CompiledMilestone[]>();
  const remoteEvents = new Set<string>();
  const byId = new Map<string, CompiledMilestone>();

  const compile = (rule: Rule, owner: CompiledMilestone, remote: boolean): RuleNode => {
    const r = rule as RuleFields;
    const group = r.all || r.any;
    if (group) {
      const kids: RuleNode[] = group.map((k: Rule) => compile(k, owner, remote));
      if (r.all)
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
    if (r.milestones) {
      const ids: string[] = r.milestones;
      return {
        progress_: (ctx) => [ids.filter((id) => id in ctx.achieved_).length, ids.length],
        met_: (ctx) => ids.every((id) => id in ctx.achieved_),
      };
    }
    const target: number = r.count ?? r.gte ?? r.streak ?? 1;
    if (remote) {
      remoteEvents.add(r.event!);
      return { progress_: () => [0, target], met_: () => false };
    }
    const fresh = createLeaf(rule as EventRule);
    const leaf = leaves.get(fresh.key_) || fresh;
    if (leaf === fresh) {
      leaves.set(leaf.key_, leaf);
      index.set(leaf.event_, [...(index.get(leaf.event_) || []), leaf]);
      readers.set(leaf, []);
    }
    if (leaf.kind_ === 'distinct') leaf.cap_ = Math.max(leaf.cap_, target);
    if (leaf.kind_ === 'streak' || r.last) owner.timed_ = true;
    const list = readers.get(leaf)!;
    if (!list.includes(owner)) list.push(owner);
    return {
      progress_: (ctx) => {
        const n = leaf.current_(leafState(ctx, leaf), ctx.now_);
        return [leaf.kind_ === 'distinct' ? Math.min(n, target) : n, target];
      },
      met_: (ctx) => leaf.best_(leafState(ctx, leaf), ctx.now_) >= target,
    };
  };

  const list = milestones.map((def) => {
    const m = { def_: def, after_: [], dependents_: [], timed_: false } as unknown as CompiledMilestone;
    byId.set(def.id, m);
    m.node_ = compile(def.rule, m, def.scope === 'account');
    m.due_ = parseDuration(def.due);
    return m;
  });
  const link = (from: string, to: CompiledMilestone) => {
    const m = byId.get(from);
    if (m && !m.dependents_.includes(to)) m.dependents_.push(to);
  };
  for (const m of list) {
    for (const id of m.def_.requires || []) link(id, m);
    for (const id of milestoneRefs(m.def_.rule)) link(id, m);
  }

  const compiledLevels: CompiledLevel[] = levels.map((def) => ({
    def_: def,
    members_: def.milestones.map((id) => byId.get(id)!).filter(Boolean),
  }));
  compiledLevels.forEach((level, i) => {
    for (const m of level.members_) m.level_ ||= level.def_.id;
    const prev = compiledLevels[i - 1];
    if (level.def_.sequential && prev)
      for (const m of level.members_) {
        m.after_.push(prev);
        for (const p of prev.members_) link(p.def_.id, m);
      }
  });

  return {
    list_: list,
    byId_: byId,
    levels_: compiledLevels,
    index_: index,
    readers_: readers,
    remoteEvents_: remoteEvents,
  };
}

function milestoneRefs(rule: Rule): string[] {
  const r = rule as RuleFields;
  return r.milestones || [...(r.all || []), ...(r.any || [])].flatMap(milestoneRefs);
}
