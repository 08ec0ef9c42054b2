import { type LevelState, type MilestoneState, readUserDoc } from 'waymark/engine';
import type { PublishedDefinitions } from '../definitions/createDefinitionStore';
import type { Engines } from '../verify/createEngines';

/**
 * A user's or account's milestones and levels as the engine states them (status, `current`, ROI `value`, `next`), from
 * their stored engine state: the same figures the widget shows. The shared engine is used synchronously, from
 * `load` to reading, like verification uses it, on a copy of the state.
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
): { milestones: MilestoneState[]; levels: LevelState[] } {
  const doc = readUserDoc(stored === undefined || stored === null ? undefined : structuredClone(stored));
  if (!doc || doc instanceof Error) return { milestones: [], levels: [] };
  const { engine, clock } = engines.get(projectKey, definitions, kind);
  clock.now = now;
  engine.load(doc);
  return { milestones: engine.milestones(), levels: kind === 'user' ? engine.levels() : [] };
}
