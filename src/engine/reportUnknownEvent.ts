import type { CompiledDefinitions } from './compileDefinitions';
import type { EngineOptions } from './createEngine';

/**
 * Reports `name` as an event no milestone of `defs` listens for: once per set of definitions, and never a name the
 * backend evaluates (account scope).
 *
 * @example
 * if (!compiled.index_.has(name)) reportUnknownEvent(compiled, name, options.report);
 */
export function reportUnknownEvent(defs: CompiledDefinitions, name: string, report: EngineOptions['report']) {
  if (defs.quietEvents_.has(name)) return;
  defs.quietEvents_.add(name);
  report({ code: 'unknown_event', message: `no milestone listens for "${name}"` });
}
