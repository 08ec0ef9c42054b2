import { addAmount } from './addAmount';
import { addDistinct } from './addDistinct';
import { addToStreak } from './addToStreak';
import { bucketStart } from './bucketKeys';
import type { CompiledMilestone } from './compileDefinitions';
import { dayNumber } from './dayNumber';
import { matchesWhere } from './matchesWhere';
import { parseDuration } from './parseDuration';
import { DAY, HOUR, MINUTE } from './timeUnits';
import type { DistinctRule, EventRule, JsonValue, Properties, SumRule } from '../types';

/**
 * The bounded, JSON-friendly state of one event rule: `n` a count, sum or number of distinct values,
 * `b` time buckets (start → count or sum) for `last` windows, `v` distinct values (→ last seen),
 * `d`/`best` the streak's last day and longest run. Never the raw events.
 */
export interface LeafState {
  n: number;
  b?: Record<string, number>;
  v?: Record<string, number>;
  d?: number;
  best?: number;
}

export type LeafKind = 'count' | 'sum' | 'distinct' | 'streak';

/** A compiled event rule, shared by every milestone whose rule has the same signature. */
export interface Leaf {
  key_: string;
  event_: string;
  kind_: LeafKind;
  /** Distinct values are kept up to this many: the largest target that reads the leaf. */
  cap_: number;
  /** Whether an event may count; `start` is the user's start. */
  accepts_(props: Properties, ts: number, now: number, start: number): boolean;
  add_(state: LeafState, props: Properties, ts: number): boolean;
  current_(state: LeafState, now: number): number;
  /** What achievement compares with the target: the longest run for streaks, else `current`. */
  best_(state: LeafState, now: number): number;
  /** The milestones that read this leaf (set as definitions compile): looked up on every event. */
  readers_: CompiledMilestone[];
}

const valueKey = (v: JsonValue | undefined): string | undefined =>
  v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v);

/**
 * Compiles an event rule into a leaf: the kind of aggregate, its filters, and how its state grows.
 *
 * @example
 * const leaf = createLeaf({ event: 'task_completed', count: 10 });
 * const state = { n: 0 };
 * leaf.add_(state, {}, Date.now()); // state.n === 1
 */
export function createLeaf(rule: EventRule): Leaf {
  const r = rule as EventRule & Partial<SumRule & DistinctRule>;
  const kind: LeafKind = 'sum' in r ? 'sum' : 'distinct' in r ? 'distinct' : 'streak' in r ? 'streak' : 'count';
  const prop: string = kind === 'sum' || kind === 'distinct' ? r[kind]! : '';
  const where = r.where && matchesWhere(r.where);
  const within = parseDuration(r.within);
  const last = parseDuration(r.last);
  // Rolling windows keep buckets: whole days for windows of 2 days or more, else hours, else minutes.
  const size = last ? (last >= 2 * DAY ? DAY : last >= 2 * HOUR ? HOUR : MINUTE) : 0;

  const inWindow = (ts: number, now: number) => !last || ts > now - last;
  const windowed = (b: Record<string, number> | undefined, now: number) => {
    let total = 0;
    for (const k in b) if (bucketStart(k) + size > now - last!) total += b[k];
    return total;
  };

  const leaf: Leaf = {
    key_: [r.event, kind, prop, JSON.stringify(r.where), r.within, r.last].join('\u0001'),
    event_: r.event,
    kind_: kind,
    cap_: 1,
    accepts_: (props, ts, now, start) =>
      (!where || where(props)) && (!within || ts < start + within) && inWindow(ts, now),
    add_(s, props, ts) {
      if (kind === 'streak') return addToStreak(s, ts);
      if (kind === 'distinct') return addDistinct(s, valueKey(props[prop]), ts, leaf.cap_, !!last);
      return addAmount(s, kind === 'count' ? 1 : props[prop], ts, last, size);
    },
    current_(s, now) {
      if (kind === 'streak') return s.d !== undefined && dayNumber(now) - s.d <= 1 ? s.n : 0;
      if (!last) return s.n;
      if (kind === 'distinct') {
        let n = 0;
        for (const k in s.v) if (inWindow(s.v[k], now)) n++;
        return n;
      }
      return windowed(s.b, now);
    },
    best_: (s, now) => (kind === 'streak' ? s.best || 0 : leaf.current_(s, now)),
    readers_: [],
  };
  return leaf;
}
