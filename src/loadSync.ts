/**
 * Loads the sync and its browser parts (fetch transport, tab election, page-hide spill). They are only needed with an
 * `endpoint`, so they stay out of the start-up bytes: one chunk in the ESM build (`sync/syncParts.ts`); the script-tag
 * build holds it in the same file.
 *
 * @example
 * const { createSync, createFetchTransport, createBrowserPlatform } = await loadSync();
 */
export const loadSync = () => import('./sync/syncParts');
