import type { CompiledLevel } from './compileDefinitions';
import { allAchieved } from './lockedBy';
import type { UserDoc } from './userDoc';

/**
 * Records in `doc` the levels complete at `at` that were not yet: each with a milestone the user sees, all achieved.
 *
 * @example
 * recordLevels(doc, compiled.levels_, Date.now()); // doc.done.basics === Date.now()
 */
export function recordLevels(doc: UserDoc, levels: CompiledLevel[], at: number): void {
  doc.done ||= {};
  const done = doc.done;
  for (const l of levels)
    if (!(l.def_.id in done) && l.members_.some((m) => !m.hidden_) && allAchieved(doc, l)) done[l.def_.id] = at;
}
