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
  leaves: Record<string, LeafState>;
  achieved: Record<string, number>;
  now: number;
}

/** A compiled rule: its progress as `[current, target]`, and whether it is met. */
export interface RuleNode {
  progress(ctx: RuleContext): [number, number];
  met(ctx: RuleContext): boolean;
}

export interface CompiledMilestone {
  def: MilestoneDefinition;
  node: RuleNode;
  /** Duration of `due` from the user's start. */
  due?: number;
  /** Id of the first level listing it. */
  level?: string;
  /** Levels whose completion it waits for (a sequential level's predecessor). */
  after: CompiledLevel[];
  /** Milestones to check again when this one is achieved. */
  dependents: CompiledMilestone[];
  /** Reads leaves whose state changes over time alone (streaks, rolling windows). */
  timed: boolean;
}

export interface CompiledLevel {
  def: LevelDefinition;
  members: CompiledMilestone[];
}

export interface CompiledDefinitions {
  list: CompiledMilestone[];
  byId: Map<string, CompiledMilestone>;
  levels: CompiledLevel[];
  /** Event name → the leaves that listen for it. */
  index: Map<string, Leaf[]>;
  /** Leaf → the milestones that read it. */
  readers: Map<Leaf, CompiledMilestone[]>;
  /** Event names the backend evaluates (account scope): tracked, but not unknown. */
  remoteEvents: Set<string>;
}

const leafState = (ctx: RuleContext, leaf: Leaf): LeafState => ctx.leaves[leaf.key] || { n: 0 };

/**
 * Compiles validated definitions: shares one leaf between rules with the same signature,
 * indexes leaves by event name, and links each milestone to the ones that wait for it.
 *
 * @example
 * const compiled = compileDefinitions([{ id: 'a', title: 'A', rule: { event: 'e' } }], []);
 * compiled.index.get('e'); // [leaf]
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
          progress: (ctx) => [kids.filter((k) => k.met(ctx)).length, kids.length],
          met: (ctx) => kids.every((k) => k.met(ctx)),
        };
      // `any` shows the sub-rule closest to done.
      return {
        progress: (ctx) =>
          kids
            .map((k) => (k.met(ctx) ? ([1, 1] as [number, number]) : k.progress(ctx)))
            .reduce((a, b) => (b[0] / b[1] > a[0] / a[1] ? b : a)),
        met: (ctx) => kids.some((k) => k.met(ctx)),
      };
    }
    if (r.milestones) {
      const ids: string[] = r.milestones;
      return {
        progress: (ctx) => [ids.filter((id) => id in ctx.achieved).length, ids.length],
        met: (ctx) => ids.every((id) => id in ctx.achieved),
      };
    }
    const target: number = r.count ?? r.gte ?? r.streak ?? 1;
    if (remote) {
      remoteEvents.add(r.event!);
      return { progress: () => [0, target], met: () => false };
    }
    const fresh = createLeaf(rule as EventRule);
    const leaf = leaves.get(fresh.key) || fresh;
    if (leaf === fresh) {
      leaves.set(leaf.key, leaf);
      index.set(leaf.event, [...(index.get(leaf.event) || []), leaf]);
      readers.set(leaf, []);
    }
    if (leaf.kind === 'distinct') leaf.cap = Math.max(leaf.cap, target);
    if (leaf.kind === 'streak' || r.last) owner.timed = true;
    const list = readers.get(leaf)!;
    if (!list.includes(owner)) list.push(owner);
    return {
      progress: (ctx) => {
        const n = leaf.current(leafState(ctx, leaf), ctx.now);
        return [leaf.kind === 'distinct' ? Math.min(n, target) : n, target];
      },
      met: (ctx) => leaf.best(leafState(ctx, leaf), ctx.now) >= target,
    };
  };

  const list = milestones.map((def) => {
    const m = { def, after: [], dependents: [], timed: false } as unknown as CompiledMilestone;
    byId.set(def.id, m);
    m.node = compile(def.rule, m, def.scope === 'account');
    m.due = parseDuration(def.due);
    return m;
  });
  const link = (from: string, to: CompiledMilestone) => {
    const m = byId.get(from);
    if (m && !m.dependents.includes(to)) m.dependents.push(to);
  };
  for (const m of list) {
    for (const id of m.def.requires || []) link(id, m);
    for (const id of milestoneRefs(m.def.rule)) link(id, m);
  }

  const compiledLevels: CompiledLevel[] = levels.map((def) => ({
    def,
    members: def.milestones.map((id) => byId.get(id)!).filter(Boolean),
  }));
  compiledLevels.forEach((level, i) => {
    for (const m of level.members) m.level ||= level.def.id;
    const prev = compiledLevels[i - 1];
    if (level.def.sequential && prev)
      for (const m of level.members) {
        m.after.push(prev);
        for (const p of prev.members) link(p.def.id, m);
      }
  });

  return { list, byId, levels: compiledLevels, index, readers, remoteEvents };
}

function milestoneRefs(rule: Rule): string[] {
  const r = rule as RuleFields;
  return r.milestones || [...(r.all || []), ...(r.any || [])].flatMap(milestoneRefs);
}
