import type { MilestoneState, Waymark } from 'waymark';
import { type Achievement, ofLevel, ofMilestone } from './achievement';
import { announcement } from './announcement';
import { completedBy } from './completedBy';
import { createToastQueue } from './createToastQueue';
import type { State } from './state';
import type { Format } from './strings';

/** Achievements this recent when the widget starts are still celebrated (they happened before it mounted). */
const RECENT_MS = 120_000;

/**
 * Listens for `achieved`, claims each celebration (once per user, across tabs and reloads: the milestone, and each
 * level its achievement completed) and shows it: toast and live announcement, plus confetti for a level or a
 * milestone that says `confetti`. Bursts merge and a cooldown keeps confetti from becoming a storm.
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
  let alive = true;
  // Levels this mount has asked about: several recent milestones of one level ask for it once.
  const askedLevels = new Set<string>();
  const toast = createToastQueue(s, (all) => announcement(wm, s, t, all), confetti);

  const claim = (a: Achievement) => {
    Promise.resolve()
      .then(() => wm.claimCelebration(a.id))
      .then((mine) => {
        if (!mine || !alive) return;
        toast.add_(a);
      })
      .catch(onError);
  };

  const celebrate = (m: MilestoneState) => {
    if (!m) return;
    if (m.celebrate !== 'none') claim(ofMilestone(m));
    // A level is celebrated even when the milestone that completed it is quiet (`celebrate: 'none'`).
    for (const l of completedBy(wm.levels(), m)) {
      if (askedLevels.has(l.id)) continue;
      askedLevels.add(l.id);
      claim(ofLevel(l));
    }
  };
  const off = wm.on('achieved', (m) => {
    try {
      celebrate(m);
    } catch (e) {
      onError(e);
    }
  });
  // A widget mounted (or loaded lazily) just after an achievement still celebrates it, and the level it completed;
  // the claim keeps it to once, and older achievements, from earlier visits, stay quiet.
  Promise.resolve(wm.ready)
    .then(() => {
      if (!alive) return;
      const since = Date.now() - RECENT_MS;
      for (const m of wm.milestones()) if (m.status === 'achieved' && (m.achievedAt ?? 0) >= since) celebrate(m);
    })
    .catch(onError);

  return () => {
    alive = false;
    off();
    toast.stop_();
  };
};
