import { compileDefinitions } from './compileDefinitions';
import { createEvaluation } from './createEvaluation';
import { createEventQueue } from './createEventQueue';
import { mergeAchieved } from './mergeAchieved';
import type {
  LevelDefinition,
  MilestoneDefinition,
  MilestoneState,
  Properties,
  StalledInfo,
  WaymarkError,
} from '../types';
import { createUserDoc, markSeen, type UserDoc } from './userDoc';
export type EngineEvent = 'achieved' | 'progress' | 'unlocked' | 'stalled';

export interface EngineOptions {
  now: () => number;
  report: (error: WaymarkError) => void;
  emit: (event: EngineEvent, milestone: MilestoneState, info?: StalledInfo) => void;
  /** Whether anyone listens for `progress`: building its payload on every event is skipped otherwise. */
  listens: (event: EngineEvent) => boolean;
  /** State changed: snapshots are stale and the document needs saving. */
  changed: () => void;
  /** Quiet period after which `stalled` fires, in ms; 0 turns it off. */
  stalledAfter: number;
}

export type Engine = ReturnType<typeof createEngine>;

/**
 * The milestone engine: evaluates events against compiled definitions, incrementally, in memory.
 * No storage, network or browser in here; the client feeds it and persists `doc()`.
 *
 * @example
 * const engine = createEngine({ now: Date.now, report, emit, listens: () => true, changed, stalledAfter: 0 });
 * engine.define([{ id: 'first', title: 'First task', rule: { event: 'task_completed' } }], []);
 * engine.track('task_completed', {}, Date.now());
 */
export function createEngine(o: EngineOptions) {
  let defs = compileDefinitions([], []);
  let doc = createUserDoc(o.now());
  const events = createEventQueue(o, (m) => current.stateOf_(m));
  let current = createEvaluation(defs, doc, o, events);
  /** Settles visibility and locks again, achieves whatever is met: after definitions, traits or the document change. */
  const evaluateAll = () => {
    current = createEvaluation(defs, doc, o, events);
    current.evaluate_();
    events.drain_();
  };
  return {
    /** Replaces the definitions (already validated); progress and achievements are kept. */
    define(milestones: MilestoneDefinition[], levels: LevelDefinition[]) {
      defs = compileDefinitions(milestones, levels);
      evaluateAll();
    },
    /** Switches to another user's document. */
    load(next: UserDoc) {
      doc = next;
      evaluateAll();
    },
    /** The current user's document, to save or to hand to another tab: read it, change it through the operations. */
    doc: (): Readonly<UserDoc> => doc,
    /** The account the user belongs to (sent with each event); no rule reads it. */
    setAccount(accountId: string) {
      doc.accountId = accountId;
    },
    /** The last batch number of tab `tab` that this document includes; -1 when none. */
    lastSeen: (tab: string): number => doc.seen?.[tab] ?? -1,
    /** Records that this document includes batch `batch` of tab `tab` (events shared between tabs count once). */
    markSeen(tab: string, batch: number) {
      markSeen(doc, tab, batch);
    },
    setTraits(traits: Properties) {
      doc.traits = { ...doc.traits, ...traits };
      evaluateAll();
    },
    /** Marks milestones achieved elsewhere (another device, the backend); earlier times win. */
    mergeAchieved(achieved: Record<string, number>, startedAt?: number) {
      mergeAchieved(doc, defs, current.achieve_, achieved, startedAt);
      evaluateAll();
    },
    track(name: string, props: Properties, ts: number) {
      current.track_(name, props, ts);
      events.drain_();
    },
    /** Time passed: fires due and quiet-period `stalled`, and refreshes time-dependent progress. */
    tick: () => current.tick_(),
    milestones: () => current.milestones_(),
    levels: () => current.levels_(),
    /** Ids of every milestone defined, shown or not. */
    ids: () => defs.list_.map((m) => m.def_.id),
    /** Ids of every level defined. */
    levelIds: () => defs.levels_.map((l) => l.def_.id),
  };
}
