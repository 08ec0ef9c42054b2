/**
 * Browser glue for the client: calls `onHide` when the page is hidden (`false`) or left (`true`: pagehide, the page
 * may get no further turn), so pending state is written, `onShow` when it becomes visible again,
 * and `onTick` about once a minute while the page is visible (due dates, streaks). Outside a browser only ticks.
 * Returns the function that stops it all.
 *
 * @example
 * const stop = watchPage(() => saver.flush(), () => engine.tick(), () => pullIfStale());
 */
export function watchPage(onHide: (leaving: boolean) => void, onTick: () => void, onShow?: () => void): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const start = () => {
    if (timer) return;
    timer = setInterval(onTick, 60_000);
    // Node: a minute tick must not keep a server process alive.
    (timer as any).unref?.();
  };
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  const doc = typeof document === 'object' ? document : undefined;
  const target = typeof addEventListener === 'function' ? globalThis : undefined;
  const onVisibility = () => {
    if (doc!.visibilityState === 'hidden') {
      stop();
      onHide(false);
    } else {
      onTick();
      start();
      onShow?.();
    }
  };
  if (doc?.visibilityState !== 'hidden') start();
  const onPageHide = () => onHide(true);
  doc?.addEventListener('visibilitychange', onVisibility);
  target?.addEventListener('pagehide', onPageHide);
  return () => {
    stop();
    doc?.removeEventListener('visibilitychange', onVisibility);
    target?.removeEventListener('pagehide', onPageHide);
  };
}
