import type {
  LevelState,
  MilestoneState,
  OverallState,
  Waymark,
  WaymarkError,
  WaymarkEventName,
  WaymarkEvents,
} from '../../src/types';

/** A milestone state with sensible defaults; override what the test cares about. */
export const milestone = (id: string, over: Partial<MilestoneState> = {}): MilestoneState => ({
  id,
  title: id.replace(/-/g, ' ').replace(/^\w/, (c) => c.toUpperCase()),
  status: 'active',
  current: 0,
  target: 1,
  ratio: 0,
  celebrate: 'confetti',
  scope: 'user',
  ...over,
});

/** A level state built from the milestones it lists. */
export const level = (id: string, ms: MilestoneState[], over: Partial<LevelState> = {}): LevelState => {
  const achieved = ms.filter((m) => m.status === 'achieved').length;
  return {
    id,
    title: id.replace(/-/g, ' ').replace(/^\w/, (c) => c.toUpperCase()),
    achieved,
    total: ms.length,
    ratio: ms.length ? achieved / ms.length : 0,
    complete: achieved === ms.length,
    milestones: ms.map((m) => m.id),
    locked: false,
    ...over,
  };
};

export interface FakeClient extends Waymark {
  /** Calls made to `track`, for assertions. */
  tracked: [string, unknown][];
  /** Replaces the milestones (and levels) and notifies subscribers. */
  set(ms: MilestoneState[], lv?: LevelState[]): void;
  /** Marks a milestone achieved, notifies subscribers and fires `achieved`. */
  achieve(id: string, at?: number): void;
  /** Live listener counts, to prove teardown. */
  counts(): { subscribers: number; listeners: number };
  claims: string[];
  /** Sets what `overall()` answers (the backend's standing) and notifies subscribers. */
  setOverall(overall: OverallState | undefined): void;
  /** Problems given to `report`, which reach `error` listeners as in the real client. */
  reported: WaymarkError[];
}

/**
 * A small in-memory `Waymark` for widget tests: same public surface, no engine.
 *
 * @example
 * const wm = fakeClient([milestone('a')]);
 * wm.achieve('a');
 */
export const fakeClient = (ms: MilestoneState[] = [], lv: LevelState[] = []): FakeClient => {
  let milestones = ms;
  let levels = lv;
  let standing: OverallState | undefined;
  const subs = new Set<() => void>();
  const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
  const claimed = new Set<string>();
  const emit = (name: WaymarkEventName, ...args: unknown[]) => {
    for (const l of listeners.get(name) ?? []) l(...args);
  };
  const notify = () => {
    for (const l of subs) l();
  };
  const wm: FakeClient = {
    ready: Promise.resolve(),
    tracked: [],
    claims: [],
    reported: [],
    track(event, properties) {
      wm.tracked.push([event, properties]);
    },
    identify() {},
    group() {},
    milestones: () => milestones,
    milestone: (id) => milestones.find((m) => m.id === id),
    levels: () => levels,
    overall: () => standing,
    setOverall(next) {
      standing = next;
      notify();
    },
    on<E extends WaymarkEventName>(event: E, listener: WaymarkEvents[E]) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (...a: unknown[]) => void;
      set.add(l);
      return () => void set.delete(l);
    },
    subscribe(listener) {
      subs.add(listener);
      return () => void subs.delete(listener);
    },
    async claimCelebration(id) {
      wm.claims.push(id);
      if (claimed.has(id)) return false;
      claimed.add(id);
      return true;
    },
    setDefinitions() {},
    report(error) {
      wm.reported.push(error);
      emit('error', error);
    },
    flush: async () => {},
    setConsent() {},
    reset: async () => {},
    destroy() {},
    set(next, nextLevels) {
      milestones = next;
      if (nextLevels) levels = nextLevels;
      notify();
    },
    achieve(id, at = Date.now()) {
      milestones = milestones.map((m) =>
        m.id === id
          ? { ...m, status: 'achieved', ratio: 1, current: Math.max(m.current, m.target), achievedAt: at }
          : m,
      );
      levels = levels.map((l) =>
        level(
          l.id,
          l.milestones.map((i) => milestones.find((m) => m.id === i)!),
          { title: l.title, badge: l.badge, locked: l.locked },
        ),
      );
      notify();
      const m = milestones.find((x) => x.id === id);
      if (m) emit('achieved', m);
    },
    counts: () => ({ subscribers: subs.size, listeners: [...listeners.values()].reduce((n, s) => n + s.size, 0) }),
  };
  return wm;
};
