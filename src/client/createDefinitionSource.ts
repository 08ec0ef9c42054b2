import { validateDefinitions } from '../engine/validateDefinitions';
import { mergeDefinitions } from './mergeDefinitions';
import { describe } from './readOptions';
import type { SessionContext } from './SessionContext';
import type { Definitions } from '../types';
import type { RemoteState } from '../sync/types';

/**
 * Where the engine's definitions come from: the host's (options or `setDefinitions`) merged with the backend's
 * (the last pull); validated, problems reported, then handed to the engine.
 *
 * @example
 * const definitions = createDefinitionSource(context);
 * definitions.setLocal_({ milestones: [{ id: 'first', title: 'First task', rule: { event: 'task_completed' } }] });
 */
export function createDefinitionSource(context: SessionContext) {
  const report = context.report_;
  let local: { milestones?: unknown; levels?: unknown } = {
    milestones: context.options_.milestones,
    levels: context.options_.levels,
  };
  let remote: RemoteState | undefined;
  const define = () => {
    const checked = validateDefinitions(mergeDefinitions(local, remote));
    for (const e of checked.errors) report({ code: 'invalid_definition', ...e });
    for (const w of checked.warnings) report({ code: 'definition_warning', ...w });
    context.engine_.define(checked.milestones, checked.levels);
  };
  return {
    define_: define,
    /** The backend's definitions (`GET /v1/state`), merged over the host's. */
    setRemote_(state: RemoteState) {
      remote = state;
      define();
    },
    /** The host's definitions (`setDefinitions`); input that is not definitions at all leaves the current ones. */
    setLocal_(json: unknown) {
      if (!json || typeof json !== 'object')
        return report({
          code: 'invalid_definition',
          path: '',
          message: `expected { milestones, levels } or an array, got ${describe(json)}`,
        });
      try {
        local = Array.isArray(json)
          ? { milestones: json }
          : { milestones: (json as Definitions).milestones, levels: (json as Definitions).levels };
      } catch {
        return report({ code: 'invalid_definition', path: '', message: 'definitions could not be read' });
      }
      define();
    },
  };
}
