import type { PageListeners } from '../../client/Platform';

/** How often time-dependent state is looked at while the page is visible: due dates, streaks. */
const TICK_MS = 60_000;

/**
 * The page's lifecycle for the client: `hide(false)` when the page is hidden and `hide(true)` when it is left
 * (pagehide: it may get no further turn), so pending state is written; `show()` and a `tick()` when it becomes
 * visible again; and `tick()` about once a minute while it is visible. Outside a browser it only ticks.
 * Returns the function that stops it all.
 *
 * @example
 * const stop = watchPage({ hide: () => saver.flush(), tick: () => engine.tick(), show: () => pullIfStale() });
 */
export function watchPage(listeners: PageListeners): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const start = () => {
    if (timer) return;
    timer = setInterval(listeners.tick, TICK_MS);
    // Node: a minute tick must not keep a server process alive.
    (timer as { unref?: () => void }).unref?.();
  };
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  const page = typeof document === 'object' ? document : undefined;
  const target = typeof addEventListener === 'function' ? globalThis : undefined;
  const onVisibility = () => {
    if (page!.visibilityState === 'hidden') {
      stop();
      listeners.hide(false);
    } else {
      listeners.tick();
      start();
      listeners.show();
    }
  };
  if (page?.visibilityState !== 'hidden') start();
  const onPageHide = () => listeners.hide(true);
  page?.addEventListener('visibilitychange', onVisibility);
  target?.addEventListener('pagehide', onPageHide);
  return () => {
    stop();
    page?.removeEventListener('visibilitychange', onVisibility);
    target?.removeEventListener('pagehide', onPageHide);
  };
}
