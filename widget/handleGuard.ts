/**
 * Wraps the methods of a widget handle: after `destroy()` they do nothing, and nothing they throw reaches the host.
 *
 * @example
 * let dead = false;
 * const guard = handleGuard(() => dead, report);
 * const close = guard(() => (state.open.value = false));
 */
export const handleGuard = (dead: () => boolean, report: (e: unknown) => void) => (f: () => void) => (): void => {
  try {
    if (!dead()) f();
  } catch (e) {
    report(e);
  }
};
