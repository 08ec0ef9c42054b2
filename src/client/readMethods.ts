import type { ClientShell } from './ClientShell';
import type { Waymark } from '../types';

// One empty snapshot before `ready`, so `useSyncExternalStore` sees the same value on every read.
const NONE: never[] = [];
const EVENTS = ['achieved', 'progress', 'unlocked', 'stalled', 'change', 'error'];

/**
 * The client's reads and subscriptions: the current milestones, levels and standing (empty before `ready`), and
 * `on`/`subscribe`, each returning its unsubscribe.
 *
 * @example
 * const { milestones, on } = readMethods(shell);
 * const off = on('achieved', (m) => console.log(m.title));
 */
export function readMethods(shell: ClientShell) {
  const { guard_: guard, emitter_: emitter, bad_: bad } = shell;
  const engine = () => shell.session_?.engine;
  const methods: Pick<Waymark, 'milestones' | 'milestone' | 'levels' | 'overall' | 'on' | 'subscribe'> = {
    milestones: guard('milestones', () => engine()?.milestones() ?? NONE, NONE),
    milestone: guard('milestone', (id: string) =>
      engine()
        ?.milestones()
        .find((m) => m.id === id),
    ),
    levels: guard('levels', () => engine()?.levels() ?? NONE, NONE),
    overall: guard('overall', () => shell.session_?.overall()),
    on: guard(
      'on',
      (event, listener) => {
        if (typeof listener === 'function' && EVENTS.includes(event)) return emitter.on_(event, listener);
        bad('on', `an event name (${EVENTS.join(', ')}) and a function`, event);
        return () => {};
      },
      () => {},
    ),
    subscribe: guard(
      'subscribe',
      (listener: () => void) => {
        if (typeof listener === 'function') return emitter.on_('change', listener);
        bad('subscribe', 'a function', listener);
        return () => {};
      },
      () => {},
    ),
  };
  return methods;
}
