import type { Waymark } from 'waymark';
import type { Achievement } from './achievement';
import { celebrationText } from './celebrationText';
import { nextUp } from './nextUp';
import { shownByPanel } from './shownByPanel';
import type { State } from './state';
import type { Format } from './strings';

/**
 * The live announcement of a celebration: its lines, then the milestone up next, if any, unless the open panel shows
 * it (the toast then leaves it out too: what is heard is what is shown).
 *
 * @example
 * announcement(wm, s, t, [ofMilestone(invite)]); // 'Milestone achieved: Invite a teammate. Up next: Create a board'
 */
export const announcement = (wm: Waymark, s: State, t: Format, all: Achievement[]): string => {
  const milestones = wm.milestones();
  const levels = wm.levels();
  const next = nextUp(milestones, levels, all);
  const lines = celebrationText(t, all);
  if (next && !shownByPanel(s, milestones, levels, next)) lines.push(t('upNextLine', { title: next.title }));
  return lines.join('. ');
};
