// `waymark/engine`: the milestone engine alone, with no client, storage, sync or browser around it.
// waymark-server runs it to verify what clients claim: the same rules, the same bounded state per user.
export { createEngine } from './createEngine';
export { createUserDoc, mergeUserDocs, readUserDoc, SCHEMA_VERSION } from './userDoc';
export { validateDefinitions } from './validateDefinitions';
export { parseDuration } from './parseDuration';

export type { Engine, EngineEvent, EngineOptions } from './createEngine';
export type { UserDoc } from './userDoc';
export type { LeafState } from './createLeaf';
export type { ValidationIssue, ValidationResult } from './validateDefinitions';
export type { RemoteState, WireEvent } from './sync/types';
export type {
  Badge,
  Benchmark,
  Duration,
  JsonValue,
  LevelDefinition,
  LevelState,
  MilestoneDefinition,
  MilestoneState,
  Properties,
  Rule,
  StalledInfo,
  WaymarkError,
} from './types';
