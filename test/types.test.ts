import { describe, expectTypeOf, it } from 'vitest';
import {
  createMemoryStorage,
  createWaymark,
  type Definitions,
  type LevelState,
  type MilestoneState,
  type OverallState,
  type ValidationResult,
  validateDefinitions,
  type Waymark,
  type WaymarkError,
  type WaymarkErrorCode,
  type WaymarkOptions,
  type WaymarkStorage,
} from '../src/index';

// Type tests: `npm run typecheck` (tsc over test/) fails when a public type drifts; vitest runs them as no-ops.
describe('public types', () => {
  it('createWaymark takes WaymarkOptions and returns a Waymark', () => {
    expectTypeOf(createWaymark).parameter(0).toEqualTypeOf<WaymarkOptions>();
    expectTypeOf(createWaymark).returns.toEqualTypeOf<Waymark>();
    expectTypeOf<WaymarkOptions['projectKey']>().toEqualTypeOf<string>();
    expectTypeOf<WaymarkOptions['storage']>().toEqualTypeOf<'indexeddb' | 'memory' | WaymarkStorage | undefined>();
    expectTypeOf(createMemoryStorage).returns.toEqualTypeOf<WaymarkStorage>();
  });

  it('Waymark reads state synchronously and answers promises that never reject', () => {
    expectTypeOf<Waymark['ready']>().toEqualTypeOf<Promise<void>>();
    expectTypeOf<Waymark['milestones']>().returns.toEqualTypeOf<MilestoneState[]>();
    expectTypeOf<Waymark['milestone']>().returns.toEqualTypeOf<MilestoneState | undefined>();
    expectTypeOf<Waymark['levels']>().returns.toEqualTypeOf<LevelState[]>();
    expectTypeOf<Waymark['overall']>().returns.toEqualTypeOf<OverallState | undefined>();
    expectTypeOf<Waymark['claimCelebration']>().returns.toEqualTypeOf<Promise<boolean>>();
    expectTypeOf<Waymark['flush']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<Waymark['reset']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<Waymark['track']>().returns.toBeVoid();
    expectTypeOf<Waymark['subscribe']>().returns.toEqualTypeOf<() => void>();
    expectTypeOf<Waymark['setDefinitions']>().parameter(0).toEqualTypeOf<Definitions>();
  });

  it('on() types each listener by its event', () => {
    const wm = {} as Waymark;
    expectTypeOf(wm.on<'achieved'>)
      .parameter(1)
      .parameter(0)
      .toEqualTypeOf<MilestoneState>();
    expectTypeOf(wm.on<'error'>)
      .parameter(1)
      .parameter(0)
      .toEqualTypeOf<WaymarkError>();
    expectTypeOf(wm.on<'change'>)
      .parameter(1)
      .toEqualTypeOf<() => void>();
    // Never called: only compiled.
    const misspelt = () =>
      // @ts-expect-error: not an event
      wm.on('achieve', () => {});
    expectTypeOf(misspelt).returns.toEqualTypeOf<() => void>();
  });

  it('WaymarkError.code offers the known codes and takes the host own ones', () => {
    expectTypeOf<'identity_rejected'>().toExtend<WaymarkErrorCode>();
    expectTypeOf<'invalid_definition'>().toExtend<WaymarkError['code']>();
    expectTypeOf<'my_integration_failed'>().toExtend<WaymarkError['code']>();
    expectTypeOf<'my_integration_failed'>().not.toExtend<WaymarkErrorCode>();
    expectTypeOf<WaymarkError['message']>().toEqualTypeOf<string>();
  });

  it('validateDefinitions takes anything and answers a ValidationResult', () => {
    expectTypeOf(validateDefinitions).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(validateDefinitions).returns.toEqualTypeOf<ValidationResult>();
  });
});
