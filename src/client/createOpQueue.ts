import type { WaymarkError } from '../types';

/**
 * Keeps the client's operations in order while something loads: `hold(task)` queues every `run(op)` until `task`
 * settles, then runs them in order; an operation that starts another hold (identify, a reload) gets the rest queued
 * behind it. An operation that throws is reported, and the rest still run.
 *
 * @example
 * const ops = createOpQueue(report);
 * void ops.hold(() => loadSession());
 * ops.run(() => session.track('task_completed')); // runs once the session loaded
 */
/* @__NO_SIDE_EFFECTS__ */
export function createOpQueue(report: (error: WaymarkError) => void) {
  // Undefined when nothing is held: operations run at once.
  let queue: (() => void)[] | undefined;

  const run = (op: () => void) => {
    if (queue) queue.push(op);
    else op();
  };

  const drain = () => {
    const ops = queue!;
    queue = undefined;
    while (ops.length) {
      try {
        ops.shift()!();
      } catch (error) {
        report({ code: 'internal_error', message: String(error) });
      }
      // An operation that starts another load (identify) gets the rest queued behind it.
      if (queue) {
        (queue as (() => void)[]).push(...ops);
        return;
      }
    }
  };

  return {
    run_: run,
    /** Holds every `run` until `task` settled (a rejection is reported), then runs them in order. */
    hold_(task: () => Promise<void>): Promise<void> {
      queue = [];
      return task()
        .catch((error) => report({ code: 'internal_error', message: String(error) }))
        .then(drain);
    },
    /** Resolves once every operation queued before it ran. */
    settled_: () => new Promise<void>((resolve) => run(resolve)),
    /** Whether operations run at once (nothing is held). */
    live_: () => queue === undefined,
  };
}
