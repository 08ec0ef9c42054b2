import type { CompiledLevel, CompiledMilestone } from './compileDefinitions';
import type { UserDoc } from './userDoc';

/**
 * Whether `doc`'s user achieved milestone `m`.
 *
 * @example
 * isAchieved(doc, compiled.byId_.get('first')!);
 */
export const isAchieved = (doc: UserDoc, m: CompiledMilestone) => m.def_.id in doc.achieved;

/**
 * Whether every milestone of level `l` that the user sees is achieved.
 *
 * @example
 * allAchieved(doc, compiled.levels_[0]);
 */
export const allAchieved = (doc: UserDoc, l: CompiledLevel) => l.members_.every((m) => m.hidden_ || isAchieved(doc, m));

/**
 * Whether level `l` is complete for `doc`'s user.
 *
 * @example
 * levelComplete(doc, compiled.levels_[0]);
 */
export const levelComplete = (doc: UserDoc, l: CompiledLevel) =>
  // Like an achievement, a completed level stays complete: a milestone added to it later doesn't reopen it.
  (doc.done !== undefined && l.def_.id in doc.done) || allAchieved(doc, l);

/**
 * What milestone `m` waits for: the ids of its prerequisites not achieved yet and of the level before its own
 * (when that level is sequential and incomplete); `undefined` when nothing, or when it is achieved.
 *
 * @example
 * lockedBy(doc, compiled.byId_.get('invite')!); // ['first']
 */
export function lockedBy(doc: UserDoc, m: CompiledMilestone): string[] | undefined {
  if (isAchieved(doc, m)) return;
  const out = m.requires_.filter((r) => !r.hidden_ && !isAchieved(doc, r)).map((r) => r.def_.id);
  for (const l of m.after_) if (!levelComplete(doc, l)) out.push(l.def_.id);
  return out.length ? out : undefined;
}

/**
 * Whether the user can work on milestone `m` now: not achieved, not hidden by `segment`, not locked.
 *
 * @example
 * compiled.list_.find((m) => isOpen(doc, m)); // the first milestone to suggest
 */
export const isOpen = (doc: UserDoc, m: CompiledMilestone) => !isAchieved(doc, m) && !m.hidden_ && !m.locked_;
