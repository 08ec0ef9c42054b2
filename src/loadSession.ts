/**
 * Loads the stateful half of a client (engine, validation, storage, tabs): a chunk of its own in the ESM build, so
 * `createWaymark` stays small in the host's main bundle. The script-tag build has it in the same file.
 *
 * @example
 * const { createSession } = await loadSession();
 */
export const loadSession = () => import('./createSession');
