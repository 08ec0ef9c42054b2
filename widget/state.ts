import { batch, signal, type Signal } from '@preact/signals-core';
import type { LevelState, MilestoneState, Waymark } from '../src/types';

/** The widget's view of the client: signals fed by `wm.subscribe`; components read `.value`. */
export interface State {
  milestones: Signal<MilestoneState[]>;
  levels: Signal<LevelState[]>;
  open: Signal<boolean>;
  /** Milestones of the celebration on screen, or empty. */
  toast: Signal<MilestoneState[]>;
  /** Text of the aria-live announcement. */
  live: Signal<string>;
  stop(): void;
}

/**
 * Creates the signals of one mount and keeps them in sync with the client.
 *
 * @example
 * const state = createState(wm);
 * state.milestones.value.length;
 * state.stop();
 */
export const createState = (wm: Waymark, onError: (e: unknown) => void = () => {}): State => {
  const milestones = signal<MilestoneState[]>([]);
  const levels = signal<LevelState[]>([]);
  let on = true;
  const read = () => {
    if (!on) return;
    try {
      batch(() => {
        milestones.value = wm.milestones();
        levels.value = wm.levels();
      });
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
    open: signal(false),
    toast: signal([]),
    live: signal(''),
    stop: () => {
      // `ready` may still resolve after unmount; `on` makes that a no-op.
      on = false;
      stop();
    },
  };
};
