import { batch, type Signal, signal } from '@preact/signals';
import type { LevelState, MilestoneState, OverallState, Waymark } from 'waymark';
import type { Achievement } from './achievement';
import type { Scheme } from './hostScheme';
import type { Views } from './loadViews';

/**
 * The widget's view of the client, as signals fed by `wm.subscribe`. Components read `.value`, and @preact/signals
 * redraws each one when a signal it read changes.
 */
export interface State {
  milestones: Signal<MilestoneState[]>;
  levels: Signal<LevelState[]>;
  /** The backend's comparison of this user with others (`wm.overall()`), once a pull brought one. */
  overall: Signal<OverallState | undefined>;
  open: Signal<boolean>;
  /** What the celebration on screen celebrates, or empty. */
  toast: Signal<Achievement[]>;
  /** Text of the aria-live announcement. */
  live: Signal<string>;
  /** The colour scheme drawn in: forced by the theme, or the host page's. */
  scheme: Signal<Scheme>;
  /** The panel, the toast and the inline elements' bodies, once loaded (`attachViews`). */
  views: Signal<Views | undefined>;
  /** The panel's tab: the checklists, or the journey. */
  view: Signal<'progress' | 'journey'>;
  /** The toast's share fallback: closed, its menu open, the line copied, or copying failed (the line shown to copy). */
  share: Signal<'' | 'menu' | 'copied' | 'failed'>;
  /** The pointer or focus is in the toast: it stays up. No component reads it, so setting it redraws nothing. */
  held: Signal<boolean>;
  /** Stops following the client. */
  stop(): void;
}

/**
 * Creates the state of one mount and keeps it in sync with the client.
 *
 * @example
 * const state = createState(wm);
 * state.milestones.value.length;
 * state.stop();
 */
export const createState = (wm: Waymark, onError: (e: unknown) => void = () => {}): State => {
  const milestones = signal<MilestoneState[]>([]);
  const levels = signal<LevelState[]>([]);
  const overall = signal<OverallState | undefined>(undefined);
  let on = true;
  const read = () => {
    if (!on) return;
    try {
      const nextMilestones = wm.milestones();
      const nextLevels = wm.levels();
      // A client from before overall() existed simply has no standing to show.
      const standing = typeof wm.overall === 'function' ? wm.overall() : undefined;
      // One change: what reads two of them updates once.
      batch(() => {
        milestones.value = nextMilestones;
        levels.value = nextLevels;
        overall.value = standing;
      });
    } catch (e) {
      onError(e);
    }
  };
  read();
  let unsubscribe: () => void = () => {};
  try {
    unsubscribe = wm.subscribe(read);
    Promise.resolve(wm.ready).then(read, () => {});
  } catch (e) {
    onError(e);
  }
  return {
    milestones,
    levels,
    overall,
    open: signal(false),
    toast: signal<Achievement[]>([]),
    live: signal(''),
    scheme: signal<Scheme>('light'),
    views: signal<Views | undefined>(undefined),
    view: signal<'progress' | 'journey'>('progress'),
    share: signal<'' | 'menu' | 'copied' | 'failed'>(''),
    held: signal(false),
    stop: () => {
      // `ready` may still resolve after unmount; `on` makes that a no-op.
      on = false;
      unsubscribe();
    },
  };
};
