import type { CompiledMilestone } from './compileDefinitions';
import type { EngineEvent, EngineOptions } from './createEngine';
import type { MilestoneState, StalledInfo } from '../types';

/**
 * The engine's events, emitted in order once a change is complete: those an event emits while its listeners run
 * wait for the next round. A listener that throws is reported; the others still hear.
 *
 * @example
 * const events = createEventQueue(options, (m) => toMilestoneState(m, ctx, doc));
 * events.push_('achieved', milestone);
 * events.drain_();
 */
export function createEventQueue(
  o: Pick<EngineOptions, 'emit' | 'listens' | 'report'>,
  stateOf: (m: CompiledMilestone) => MilestoneState,
) {
  let queue: [EngineEvent, CompiledMilestone, StalledInfo?][] = [];
  return {
    push_: (event: EngineEvent, m: CompiledMilestone, info?: StalledInfo) => {
      queue.push([event, m, info]);
    },
    drain_() {
      while (queue.length) {
        const batch = queue;
        queue = [];
        for (const [event, m, info] of batch) {
          if (o.listens(event)) {
            try {
              o.emit(event, stateOf(m), info);
            } catch (e) {
              o.report({ code: 'listener_error', message: `a "${event}" listener threw: ${String(e)}` });
            }
          }
        }
      }
    },
  };
}
