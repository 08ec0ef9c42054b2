import type { MilestoneState, Waymark } from '../src/types';
import { celebrationText } from './celebrationText';
import type { State } from './state';
import type { Format } from './strings';

/** Achievements claimed within this window are shown together. */
export const GATHER_MS = 150;
/** A celebration arriving this soon after the last one joins its toast. */
export const MERGE_MS = 1000;
/** No new confetti this soon after the last burst. */
export const COOLDOWN_MS = 4000;
/** How long a toast stays up. */
export const TOAST_MS = 7000;
/** Achievements this recent when the widget starts are still celebrated (they happened before it mounted). */
export const RECENT_MS = 120_000;

/**
 * True for an achievement a widget starting now still celebrates: recent enough, and not `celebrate: 'none'`.
 *
 * @example
 * wm.milestones().filter((m) => celebratesLate(m));
 */
export const celebratesLate = (m: MilestoneState, now = Date.now()) =>
  m.status === 'achieved' && m.celebrate !== 'none' && (m.achievedAt ?? 0) >= now - RECENT_MS;

/**
 * Listens for `achieved`, claims each celebration (once per user and milestone, across tabs
 * and reloads) and shows it: toast and live announcement, plus confetti unless the milestone
 * says `toast`. Bursts merge and a cooldown keeps confetti from becoming a storm.
 * Returns the stop function.
 *
 * @example
 * const stop = createCelebrations(wm, state, t, () => fx.fire());
 */
export const createCelebrations = (
  wm: Waymark,
  s: State,
  t: Format,
  confetti: () => void,
  onError: (e: unknown) => void = () => {},
): (() => void) => {
  let pending: MilestoneState[] = [];
  let gather: ReturnType<typeof setTimeout> | undefined;
  let hide: ReturnType<typeof setTimeout> | undefined;
  let shownAt = -Infinity;
  let firedAt = -Infinity;
  let alive = true;

  const show = () => {
    gather = undefined;
    const items = pending;
    pending = [];
    const now = Date.now();
    const merged = s.toast.value.length > 0 && now - shownAt < MERGE_MS;
    const all = merged ? [...s.toast.value, ...items] : items;
    shownAt = now;
    s.toast.value = all;
    s.live.value = celebrationText(t, all).filter(Boolean).join('. ');
    if (items.some((m) => m.celebrate === 'confetti') && now - firedAt >= COOLDOWN_MS) {
      firedAt = now;
      confetti();
    }
    clearTimeout(hide);
    hide = setTimeout(() => (s.toast.value = []), TOAST_MS);
  };

  const celebrate = (m: MilestoneState) => {
    if (!m || m.celebrate === 'none') return;
    Promise.resolve()
      .then(() => wm.claimCelebration(m.id))
      .then((mine) => {
        if (!mine || !alive) return;
        pending.push(m);
        gather ??= setTimeout(show, GATHER_MS);
      })
      .catch(onError);
  };
  const off = wm.on('achieved', celebrate);
  // A widget mounted (or loaded lazily) just after an achievement still celebrates it; the claim keeps it to once,
  // and older achievements, from earlier visits, stay quiet.
  Promise.resolve(wm.ready)
    .then(() => alive && wm.milestones().filter((m) => celebratesLate(m)).forEach(celebrate))
    .catch(onError);

  return () => {
    alive = false;
    off();
    clearTimeout(gather);
    clearTimeout(hide);
  };
};
