/** The lazily loaded part of the widget (`views.tsx`). */
export type Views = typeof import('./views');

let loaded: Views | undefined;
let loading: Promise<Views> | undefined;

/**
 * Loads the widget's views (panel, toast, inline elements' bodies and their styles): a chunk of its own in the ESM
 * build, fetched once for every mount; in the script-tag build the same file. A failed load is retried on the next
 * call.
 *
 * @example
 * loadViews().then((views) => (state.views.value = views));
 */
export const loadViews = (): Promise<Views> =>
  (loading ??= import('./views').then(
    (views) => (loaded = views),
    (error) => {
      loading = undefined;
      throw error;
    },
  ));

/**
 * The views when they have loaded already, so that a mount after the first draws them at once.
 *
 * @example
 * const views = loadedViews();
 */
export const loadedViews = (): Views | undefined => loaded;
