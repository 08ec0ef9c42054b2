import { compileDefinitions, type CompiledLevel, type CompiledMilestone, type RuleContext } from './compileDefinitions';
import { toMilestoneState } from './toMilestoneState';
import type {
  JsonValue,
  LevelDefinition,
  LevelState,
  MilestoneDefinition,
  MilestoneState,
  MilestoneStatus,
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

const matches = (value: JsonValue | undefined, allowed: JsonValue | JsonValue[]) =>
  (Array.isArray(allowed) ? allowed : [allowed]).some((a) => a === value);

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
  let hidden = new Set<CompiledMilestone>();
  let locked = new Set<CompiledMilestone>();
  let nextDeadline = -Infinity;
  let snapshot: MilestoneState[] | undefined;
  let levelSnapshot: LevelState[] | undefined;
  let queue: [EngineEvent, CompiledMilestone, StalledInfo?][] = [];
  const unknown = new Set<string>();
  const ctx: RuleContext = { leaves_: doc.leaves, achieved_: doc.achieved, now_: 0 };

  const isAchieved = (m: CompiledMilestone) => m.def_.id in doc.achieved;
  const allAchieved = (l: CompiledLevel) => l.members_.every((m) => hidden.has(m) || isAchieved(m));
  // Like an achievement, a completed level stays complete: a milestone added to it later doesn't reopen it.
  const levelComplete = (l: CompiledLevel) => (doc.done !== undefined && l.def_.id in doc.done) || allAchieved(l);
  const recordLevels = (at: number) => {
    doc.done ||= {};
    const done = doc.done;
    for (const l of defs.levels_)
      if (!(l.def_.id in done) && l.members_.some((m) => !hidden.has(m)) && allAchieved(l)) done[l.def_.id] = at;
  };
  const lockedBy = (m: CompiledMilestone): string[] | undefined => {
    if (isAchieved(m)) return;
    const out = (m.def_.requires || []).filter((id) => {
      const r = defs.byId_.get(id);
      return r && !hidden.has(r) && !isAchieved(r);
    });
    for (const l of m.after_) if (!levelComplete(l)) out.push(l.def_.id);
    return out.length ? out : undefined;
  };
  const statusOf = (m: CompiledMilestone, lb = lockedBy(m)): MilestoneStatus =>
    isAchieved(m) ? 'achieved' : lb ? 'locked' : m.due_ && ctx.now_ >= doc.startedAt + m.due_ ? 'overdue' : 'active';
  const stateOf = (m: CompiledMilestone) => {
    const lb = lockedBy(m);
    return toMilestoneState(m, ctx, statusOf(m, lb), lb, doc.startedAt);
  };
  const canAchieve = (m: CompiledMilestone) =>
    !isAchieved(m) && !hidden.has(m) && !locked.has(m) && m.def_.scope !== 'account' && m.node_.met_(ctx);

  const achieve = (m: CompiledMilestone, at: number) => {
    doc.achieved[m.def_.id] = at;
    recordLevels(at);
    doc.last = Math.max(doc.last ?? at, at);
    nextDeadline = -Infinity;
    queue.push(['achieved', m]);
    for (const d of m.dependents_) {
      if (isAchieved(d) || hidden.has(d)) continue;
      if (lockedBy(d)) locked.add(d);
      else if (locked.delete(d)) queue.push(['unlocked', d]);
      if (canAchieve(d)) achieve(d, at);
    }
  };

  const checkTime = () => {
    const now = ctx.now_;
    if (now < nextDeadline) return;
    nextDeadline = Infinity;
    let changed = false;
    for (const m of defs.list_) {
      if (!m.due_ || isAchieved(m) || hidden.has(m) || locked.has(m) || doc.stalled[m.def_.id]) continue;
      const at = doc.startedAt + m.due_;
      if (at > now) nextDeadline = Math.min(nextDeadline, at);
      else {
        doc.stalled[m.def_.id] = 1;
        queue.push(['stalled', m, { reason: 'overdue' }]);
        changed = true;
      }
    }
    if (o.stalledAfter) {
      const base = doc.last ?? doc.startedAt;
      if (doc.quiet !== base) {
        const at = base + o.stalledAfter;
        if (at > now) nextDeadline = Math.min(nextDeadline, at);
        else {
          doc.quiet = base;
          changed = true;
          // The quiet-period nudge points at the first milestone the user can work on now.
          const m = defs.list_.find((x) => !isAchieved(x) && !hidden.has(x) && !locked.has(x));
          if (m) queue.push(['stalled', m, { reason: 'quiet' }]);
        }
      }
    }
    if (changed) touch();
  };

  const touch = () => {
    snapshot = levelSnapshot = undefined;
    o.changed();
  };

  const drain = () => {
    while (queue.length) {
      const batch = queue;
      queue = [];
      for (const [event, m, info] of batch) {
        if (o.listens(event)) {
          try {
            o.emit(event, stateOf(m), info);
          } catch (e) {
            o.report({ code: 'listener_error', message: `a "${event}" listener threw: ${String(e)}` });
          }
        }
      }
    }
  };

  /** Re-derives visibility and locks, and achieves whatever is met: after definitions, traits or the document change. */
  const evaluateAll = () => {
    const traits = doc.traits;
    hidden = new Set(
      defs.list_.filter(
        (m) => m.def_.segment && Object.entries(m.def_.segment).some(([k, v]) => !matches(traits[k], v)),
      ),
    );
    locked = new Set(defs.list_.filter((m) => !hidden.has(m) && lockedBy(m)));
    ctx.now_ = o.now();
    for (const m of defs.list_) if (canAchieve(m)) achieve(m, ctx.now_);
    recordLevels(ctx.now_);
    nextDeadline = -Infinity;
    checkTime();
    touch();
    drain();
  };

  const milestones = (): MilestoneState[] => {
    if (!snapshot) {
      ctx.now_ = o.now();
      snapshot = defs.list_.filter((m) => !hidden.has(m)).map(stateOf);
    }
    return snapshot;
  };

  return {
    /** Replaces the definitions (already validated); progress and achievements are kept. */
    define(milestones: MilestoneDefinition[], levels: LevelDefinition[]) {
      defs = compileDefinitions(milestones, levels);
      unknown.clear();
      evaluateAll();
    },
    /** Switches to another user's document. */
    load(next: UserDoc) {
      doc = next;
      ctx.leaves_ = doc.leaves;
      ctx.achieved_ = doc.achieved;
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
      if (startedAt !== undefined && startedAt < doc.startedAt) doc.startedAt = startedAt;
      for (const id in achieved) {
        const m = defs.byId_.get(id);
        if (m && !isAchieved(m)) achieve(m, achieved[id]);
        else if (id in doc.achieved) doc.achieved[id] = Math.min(doc.achieved[id], achieved[id]);
      }
      evaluateAll();
    },
    track(name: string, props: Properties, ts: number) {
      ctx.now_ = o.now();
      const leaves = defs.index_.get(name);
      if (!leaves) {
        if (!defs.remoteEvents_.has(name) && !unknown.has(name)) {
          unknown.add(name);
          o.report({ code: 'unknown_event', message: `no milestone listens for "${name}"` });
        }
      } else {
        let changed = false;
        for (const leaf of leaves) {
          if (!leaf.accepts_(props, ts, ctx.now_, doc.startedAt)) continue;
          doc.leaves[leaf.key_] ||= { n: 0 };
          const s = doc.leaves[leaf.key_];
          if (!leaf.add_(s, props, ts)) continue;
          changed = true;
          for (const m of defs.readers_.get(leaf)!) {
            if (isAchieved(m) || hidden.has(m)) continue;
            if (o.listens('progress')) queue.push(['progress', m]);
            if (!locked.has(m) && m.node_.met_(ctx)) achieve(m, ts);
          }
        }
        if (changed) touch();
      }
      checkTime();
      drain();
    },
    /** Time passed: fires due and quiet-period `stalled`, and refreshes time-dependent progress. */
    tick() {
      ctx.now_ = o.now();
      checkTime();
      drain();
      if (snapshot && defs.list_.some((m) => m.timed_ || m.due_)) {
        const before = snapshot;
        snapshot = undefined;
        const after = milestones();
        if (after.some((s, i) => s.status !== before[i].status || s.current !== before[i].current)) touch();
        else snapshot = before;
      }
    },
    milestones,
    levels(): LevelState[] {
      levelSnapshot ||= defs.levels_.map((l, i) => {
        const members = l.members_.filter((m) => !hidden.has(m));
        const achieved = members.filter(isAchieved).length;
        const total = members.length;
        const prev = defs.levels_[i - 1];
        const state: LevelState = {
          id: l.def_.id,
          title: l.def_.title,
          achieved,
          total,
          ratio: total ? achieved / total : 1,
          complete: levelComplete(l),
          milestones: members.map((m) => m.def_.id),
          locked: !!(l.def_.sequential && prev && !levelComplete(prev)),
        };
        if (l.def_.badge) state.badge = l.def_.badge;
        return state;
      });
      return levelSnapshot;
    },
    /** Ids of every milestone defined, shown or not. */
    ids: () => defs.list_.map((m) => m.def_.id),
    /** Ids of every level defined. */
    levelIds: () => defs.levels_.map((l) => l.def_.id),
  };
}
