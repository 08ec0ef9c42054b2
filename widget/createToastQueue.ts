import type { Achievement } from './achievement';
import type { State } from './state';

/** Achievements claimed within this window are shown together. */
export const GATHER_MS = 150;
/** A celebration arriving this soon after the last one joins its toast. */
export const MERGE_MS = 1000;
/** No new confetti this soon after the last burst. */
export const COOLDOWN_MS = 4000;
/** How long a toast stays up. */
export const TOAST_MS = 7000;

/** What is waiting to be shown in one mount's celebration toast. */
export interface ToastQueue {
  /** Shows `a`, with whatever else arrives within GATHER_MS. */
  add_: (a: Achievement) => void;
  /** Cancels what waits to be shown or hidden. */
  stop_: () => void;
}

/**
 * Shows claimed achievements in the state's toast and live announcement: those claimed together in one toast, joined
 * to the toast on screen when it appeared within MERGE_MS, with confetti for those that ask for it (not again within
 * COOLDOWN_MS), hidden after TOAST_MS.
 *
 * @example
 * const toast = createToastQueue(state, (all) => announcement(wm, state, t, all), () => fx.fire());
 * toast.add_(ofMilestone(m));
 */
export const createToastQueue = (
  s: State,
  announce: (all: Achievement[]) => string,
  confetti: () => void,
): ToastQueue => {
  let pending: Achievement[] = [];
  let gather: ReturnType<typeof setTimeout> | undefined;
  let hide: ReturnType<typeof setTimeout> | undefined;
  let shownAt = -Infinity;
  let firedAt = -Infinity;
  const show = () => {
    gather = undefined;
    const items = pending;
    pending = [];
    const now = Date.now();
    const merged = s.toast.value.length > 0 && now - shownAt < MERGE_MS;
    const all = merged ? [...s.toast.value, ...items] : items;
    shownAt = now;
    s.share.value = '';
    s.toast.value = all;
    s.live.value = announce(all);
    if (items.some((a) => a.confetti) && now - firedAt >= COOLDOWN_MS) {
      firedAt = now;
      confetti();
    }
    clearTimeout(hide);
    hide = setTimeout(leave, TOAST_MS);
  };
  // The toast goes after TOAST_MS, but not from under a pointer or focus (someone choosing the next step or sharing).
  const leave = () => {
    if (s.held.value) hide = setTimeout(leave, 1000);
    else s.toast.value = [];
  };
  return {
    add_: (a) => {
      pending.push(a);
      gather ??= setTimeout(show, GATHER_MS);
    },
    stop_: () => {
      clearTimeout(gather);
      clearTimeout(hide);
    },
  };
};
