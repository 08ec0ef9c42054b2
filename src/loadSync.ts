/**
 * Loads the sync and its browser parts (fetch transport, tab election, page-hide spill). They are only needed with an
 * `endpoint`, so they stay out of the start-up bytes: a chunk of their own in the ESM build, a file beside the
 * script-tag build (`waymark.sync.js`, see `widget/script/loadSync.ts`).
 *
 * @example
 * const { createSync, createFetchTransport, createBrowserPlatform } = await loadSync();
 */
export const loadSync = async () => {
  const [{ createSync }, { createFetchTransport }, { createBrowserPlatform }] = await Promise.all([
    import('./sync/createSync'),
    import('./browser/createFetchTransport'),
    import('./browser/createBrowserPlatform'),
  ]);
  return { createSync, createFetchTransport, createBrowserPlatform };
};
