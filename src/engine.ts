// `waymark/engine`: the milestone engine alone, with no client, storage, sync or browser around it.
// waymark-server runs it to verify what clients claim: the same rules, the same bounded state per user.
export { createEngine } from './engine/createEngine';
export { createUserDoc, mergeUserDocs, readUserDoc, SCHEMA_VERSION } from './engine/userDoc';
export { validateDefinitions } from './engine/validateDefinitions';
export { parseDuration } from './engine/parseDuration';

export type { Engine, EngineEvent, EngineOptions } from './engine/createEngine';
export type { UserDoc } from './engine/userDoc';
export type { LeafState } from './engine/createLeaf';
export type { ValidationIssue, ValidationResult } from './engine/validateDefinitions';
export type { RemoteState, WireEvent } from './sync/types';
export type {
  Badge,
  Benchmark,
  Definitions,
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
  WaymarkErrorCode,
} from './types';
