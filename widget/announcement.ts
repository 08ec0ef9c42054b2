import type { Waymark } from 'waymark';
import type { Achievement } from './achievement';
import { celebrationText } from './celebrationText';
import { nextUp } from './nextUp';
import type { Format } from './strings';

/**
 * The live announcement of a celebration: its lines, then the milestone up next, if any.
 *
 * @example
 * announcement(wm, t, [ofMilestone(invite)]); // 'Milestone achieved: Invite a teammate. Up next: Create a board'
 */
export const announcement = (wm: Waymark, t: Format, all: Achievement[]): string => {
  const next = nextUp(wm.milestones(), wm.levels(), all);
  const lines = celebrationText(t, all);
  if (next) lines.push(t('upNextLine', { title: next.title }));
  return lines.join('. ');
};
