import type { LevelState, MilestoneState, OverallState, Waymark } from '../src/types';
import type { Achievement } from './achievement';
import type { Scheme } from './hostScheme';
import type { Views } from './loadViews';

/** A value that re-renders its mount when set to something else. */
export interface Cell<T> {
  value: T;
}

/** The widget's view of the client, fed by `wm.subscribe`; components read `.value`. */
export interface State {
  milestones: Cell<MilestoneState[]>;
  levels: Cell<LevelState[]>;
  /** The backend's comparison of this user with others (`wm.overall()`), once a pull brought one. */
  overall: Cell<OverallState | undefined>;
  open: Cell<boolean>;
  /** What the celebration on screen celebrates, or empty. */
  toast: Cell<Achievement[]>;
  /** Text of the aria-live announcement. */
  live: Cell<string>;
  /** The colour scheme drawn in: forced by the theme, or the host page's. */
  scheme: Cell<Scheme>;
  /** The panel, the toast and the inline elements' bodies, once loaded (`attachViews`). */
  views: Cell<Views | undefined>;
  /** The panel's tab: the checklists, or the journey. */
  view: Cell<'progress' | 'journey'>;
  /** The toast's share fallback: closed, its menu open, the line copied, or copying failed (the line shown to copy). */
  share: Cell<'' | 'menu' | 'copied' | 'failed'>;
  /** The pointer or focus is in the toast: it stays up. Not drawn, so not a cell that renders. */
  held: { value: boolean };
  /** Calls `listener` after every change; returns the unsubscribe. */
  watch(listener: () => void): () => void;
  stop(): void;
}

/**
 * Creates a cell that calls `changed` whenever its value is replaced by a different one.
 *
 * @example
 * const open = cell(false, render);
 * open.value = true; // render()
 */
export const cell = <T>(value: T, changed: () => void): Cell<T> => ({
  get value() {
    return value;
  },
  set value(next) {
    if (next !== value) (value = next), changed();
  },
});

/**
 * Creates the state of one mount and keeps it in sync with the client.
 *
 * @example
 * const state = createState(wm);
 * state.watch(render);
 * state.milestones.value.length;
 * state.stop();
 */
export const createState = (wm: Waymark, onError: (e: unknown) => void = () => {}): State => {
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((f) => f());
  // Set only by `read`, which reports milestones, levels and standing together: one render, not three.
  const milestones = cell<MilestoneState[]>([], () => {});
  const levels = cell<LevelState[]>([], () => {});
  const overall = cell<OverallState | undefined>(undefined, () => {});
  let on = true;
  const read = () => {
    if (!on) return;
    try {
      const ms = wm.milestones();
      const lv = wm.levels();
      // A client from before overall() existed simply has no standing to show.
      const standing = typeof wm.overall === 'function' ? wm.overall() : undefined;
      if (ms === milestones.value && lv === levels.value && standing === overall.value) return;
      milestones.value = ms;
      levels.value = lv;
      overall.value = standing;
      changed();
    } catch (e) {
      onError(e);
    }
  };
  read();
  let stop: () => void = () => {};
  try {
    stop = wm.subscribe(read);
    Promise.resolve(wm.ready).then(read, () => {});
  } catch (e) {
    onError(e);
  }
  return {
    milestones,
    levels,
    overall,
    open: cell(false, changed),
    toast: cell<Achievement[]>([], changed),
    live: cell('', changed),
    scheme: cell<Scheme>('light', changed),
    views: cell<Views | undefined>(undefined, changed),
    view: cell<'progress' | 'journey'>('progress', changed),
    share: cell<'' | 'menu' | 'copied' | 'failed'>('', changed),
    held: { value: false },
    watch: (f) => (listeners.add(f), () => listeners.delete(f)),
    stop: () => {
      // `ready` may still resolve after unmount; `on` makes that a no-op.
      on = false;
      listeners.clear();
      stop();
    },
  };
};
