import { type LevelState, type MilestoneState, readUserDoc } from 'waymark/engine';
import type { PublishedDefinitions } from '../definitions/createDefinitionStore';
import type { Engines } from './createEngines';

/**
 * A user's or account's milestones and levels as the engine states them (status, `current`, ROI `value`, `next`), from
 * their stored engine state: the same figures the widget shows. `achievedElsewhere` (a user's account's achievements,
 * by milestone id) is merged first, as the browser merges what the backend knows (earlier times win). The shared
 * engine is used synchronously, from `load` to reading, like verification uses it, on a copy of the state. No
 * milestones for a subject with no (or no readable) state.
 *
 * @example
 * const { milestones, levels } = describeSubject(ctx.engines, 'pk_demo', definitions, 'user', row.doc, ctx.now());
 */
export function describeSubject(
  engines: Engines,
  projectKey: string,
  definitions: PublishedDefinitions,
  kind: 'user' | 'account',
  stored: unknown,
  now: number,
  achievedElsewhere: Record<string, number> = {},
): { milestones: MilestoneState[]; levels: LevelState[] } {
  const doc = readUserDoc(stored === undefined || stored === null ? undefined : structuredClone(stored));
  if (!doc || doc instanceof Error) return { milestones: [], levels: [] };
  const { engine, clock } = engines.get(projectKey, definitions, kind);
  clock.now = now;
  engine.load(doc);
  if (Object.keys(achievedElsewhere).length) engine.mergeAchieved(achievedElsewhere);
  return { milestones: engine.milestones(), levels: kind === 'user' ? engine.levels() : [] };
}
