import type { CompiledDefinitions, CompiledMilestone } from './compileDefinitions';
import type { UserDoc } from './userDoc';

/**
 * Marks milestones achieved elsewhere (another device, the backend) in `doc`: earlier times win, and a milestone
 * first achieved here goes through `achieve` (what it unlocks, its levels). An earlier `startedAt` becomes the start.
 *
 * @example
 * mergeAchieved(doc, compiled, current.achieve_, { 'ten-tasks': Date.parse('2026-11-01') });
 */
export function mergeAchieved(
  doc: UserDoc,
  defs: CompiledDefinitions,
  achieve: (m: CompiledMilestone, at: number) => void,
  achieved: Record<string, number>,
  startedAt?: number,
) {
  if (startedAt !== undefined && startedAt < doc.startedAt) doc.startedAt = startedAt;
  for (const id in achieved) {
    const m = defs.byId_.get(id);
    if (id in doc.achieved) doc.achieved[id] = Math.min(doc.achieved[id], achieved[id]);
    else if (m) achieve(m, achieved[id]);
  }
}
