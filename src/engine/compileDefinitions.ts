import type { Leaf, LeafState } from './createLeaf';
import { createRuleCompiler } from './createRuleCompiler';
import { parseDuration } from './parseDuration';
import type { AllRule, AnyRule, LevelDefinition, MilestoneDefinition, MilestonesRule, Rule } from '../types';

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
  /** The milestones of `requires` that are defined, in its order. */
  requires_: CompiledMilestone[];
  /** Hidden from the current user by `segment` (set by the engine for each user). */
  hidden_?: boolean;
  /** Waiting for a prerequisite or a level (set by the engine for each user). */
  locked_?: boolean;
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
  /**
   * Event names tracked without an `unknown_event` report: those the backend evaluates (account scope), and each
   * unknown name once it was reported (once per set of definitions).
   */
  quietEvents_: Set<string>;
}

/**
 * Compiles validated definitions: shares one leaf between rules with the same signature,
 * indexes leaves by event name, and links each milestone to the ones that wait for it.
 *
 * @example
 * const compiled = compileDefinitions([{ id: 'a', title: 'A', rule: { event: 'e' } }], []);
 * compiled.index_.get('e'); // [leaf]
 */
export function compileDefinitions(milestones: MilestoneDefinition[], levels: LevelDefinition[]): CompiledDefinitions {
  const byId = new Map<string, CompiledMilestone>();
  const compiled = {
    byId_: byId,
    index_: new Map(),
    quietEvents_: new Set<string>(),
  } as CompiledDefinitions;
  const compile = createRuleCompiler(compiled);
  const list = milestones.map((def) => {
    // Every milestone gets every field up front: one object shape, read fast on every event.
    const m = {
      def_: def,
      after_: [],
      dependents_: [],
      requires_: [],
      timed_: false,
      level_: undefined,
      hidden_: false,
      locked_: false,
    } as unknown as CompiledMilestone;
    byId.set(def.id, m);
    m.node_ = compile(def.rule, m, def.scope === 'account');
    m.due_ = parseDuration(def.due);
    return m;
  });
  const link = (from: string, to: CompiledMilestone) => {
    const m = byId.get(from);
    if (m && !m.dependents_.includes(to)) m.dependents_.push(to);
    return m;
  };
  for (const m of list) {
    for (const id of m.def_.requires || []) {
      const required = link(id, m);
      if (required) m.requires_.push(required);
    }
    for (const id of milestoneRefs(m.def_.rule)) link(id, m);
  }
  compiled.list_ = list;
  compiled.levels_ = compileLevels(levels, byId, link);
  return compiled;
}

/** The levels, each with its milestones; a sequential level's milestones wait for the level before it. */
function compileLevels(
  levels: LevelDefinition[],
  byId: Map<string, CompiledMilestone>,
  link: (from: string, to: CompiledMilestone) => void,
): CompiledLevel[] {
  const compiled: CompiledLevel[] = levels.map((def) => ({
    def_: def,
    members_: def.milestones.map((id) => byId.get(id)!).filter(Boolean),
  }));
  compiled.forEach((level, i) => {
    for (const m of level.members_) m.level_ ||= level.def_.id;
    const prev = compiled[i - 1];
    if (level.def_.sequential && prev)
      for (const m of level.members_) {
        m.after_.push(prev);
        for (const p of prev.members_) link(p.def_.id, m);
      }
  });
  return compiled;
}

function milestoneRefs(rule: Rule): string[] {
  const r = rule as Partial<AllRule & AnyRule & MilestonesRule>;
  return r.milestones || [...(r.all || []), ...(r.any || [])].flatMap(milestoneRefs);
}
