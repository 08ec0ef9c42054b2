import type { ClientShell } from './ClientShell';
import type { Waymark } from '../types';

/**
 * The client's methods that wait for what is queued before them: claiming a celebration, flushing, resetting to a
 * new anonymous user, and destroy(). Each promise resolves after the operations called before it, and never rejects.
 *
 * @example
 * const { flush, destroy } = lifecycleMethods(shell);
 * await flush();
 * destroy();
 */
export function lifecycleMethods(shell: ClientShell) {
  const { guard_: guard, later_: later, queue_: queue } = shell;
  const methods: Pick<Waymark, 'claimCelebration' | 'flush' | 'reset' | 'destroy'> = {
    claimCelebration: later(
      'claimCelebration',
      async (id: string) => {
        if (!shell.isId_('claimCelebration', id)) return false;
        await queue.settled_();
        const session = shell.session_;
        return !shell.destroyed_ && !!session && session.claim(id);
      },
      false,
    ),
    flush: later(
      'flush',
      async () => {
        await queue.settled_();
        await shell.session_?.flush();
      },
      undefined,
    ),
    reset: later(
      'reset',
      () =>
        new Promise<void>((resolve) =>
          queue.run_(() => void (shell.session_?.reset() ?? Promise.resolve()).then(resolve)),
        ),
      undefined,
    ),
    destroy: guard('destroy', () => {
      shell.session_?.destroy();
      shell.destroyed_ = true;
      shell.emitter_.clear_();
    }),
  };
  return methods;
}
