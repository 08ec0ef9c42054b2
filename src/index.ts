export { createWaymark } from './createWaymark';
export { validateDefinitions } from './engine/validateDefinitions';
export { createMemoryStorage } from './platform/createMemoryStorage';
export { createFetchTransport } from './platform/browser/createFetchTransport';

export type { ValidationIssue, ValidationResult } from './engine/validateDefinitions';
export type { FetchTransportOptions } from './platform/browser/createFetchTransport';
export type { RemoteState, Transport, TransportRequest, TransportResponse, WireEvent } from './sync/types';
export type {
  AllRule,
  AnyRule,
  Badge,
  Benchmark,
  Celebrate,
  Consent,
  CountRule,
  Definitions,
  DistinctRule,
  IdentifyOptions,
  Duration,
  EventRule,
  JsonValue,
  LevelDefinition,
  LevelState,
  MilestoneDefinition,
  MilestoneState,
  MilestoneStatus,
  MilestoneValue,
  MilestonesRule,
  NextStep,
  OverallState,
  Properties,
  Rule,
  Stage,
  StalledInfo,
  StreakRule,
  SumRule,
  TrackOptions,
  Traits,
  ValueDefinition,
  Waymark,
  WaymarkError,
  WaymarkErrorCode,
  WaymarkEventName,
  WaymarkEvents,
  WaymarkOptions,
  WaymarkStorage,
  Where,
  WhereOperators,
} from './types';
