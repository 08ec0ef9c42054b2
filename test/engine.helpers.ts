import { createEngine, type EngineEvent } from '../src/engine';
import type { LevelDefinition, MilestoneDefinition, MilestoneState, StalledInfo, WaymarkError } from '../src/types';

/** An engine on a settable clock, recording what it emits. */
export function engineFixture(
  milestones: MilestoneDefinition[],
  levels: LevelDefinition[] = [],
  options: { start?: number; stalledAfter?: number } = {},
) {
  let clock = options.start ?? Date.parse('2026-11-02T09:00:00');
  const events: { event: EngineEvent; id: string; status: string; info?: StalledInfo }[] = [];
  const errors: WaymarkError[] = [];
  let changes = 0;
  const engine = createEngine({
    now: () => clock,
    report: (e) => errors.push(e),
    emit: (event, m: MilestoneState, info) =>
      events.push({ event, id: m.id, status: m.status, ...(info ? { info } : {}) }),
    listens: () => true,
    changed: () => void changes++,
    stalledAfter: options.stalledAfter ?? 0,
  });
  engine.define(milestones, levels);
  return {
    engine,
    events,
    errors,
    changes: () => changes,
    /** Events of one kind, as milestone ids. */
    ids: (event: EngineEvent) => events.filter((e) => e.event === event).map((e) => e.id),
    now: () => clock,
    set: (t: number) => {
      clock = t;
    },
    advance: (ms: number) => {
      clock += ms;
    },
    track: (name: string, props: Record<string, any> = {}, ts = clock) => engine.track(name, props, ts),
    state: (id: string) => engine.milestones().find((m) => m.id === id),
  };
}

export const DAY = 864e5;
export const HOUR = 36e5;

let n = 0;
/** A milestone definition with a generated id and title. */
export const ms = (
  rule: MilestoneDefinition['rule'],
  extra: Partial<MilestoneDefinition> = {},
): MilestoneDefinition => ({
  id: extra.id ?? `m${++n}`,
  title: extra.title ?? `Milestone ${n}`,
  rule,
  ...extra,
});
