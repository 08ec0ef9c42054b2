/**
 * A tiny typed event emitter. `on` returns its unsubscribe; `emit` calls listeners in order
 * and reports, rather than throws, when one of them throws.
 *
 * @example
 * const emitter = createEmitter<{ change: () => void }>((e) => console.warn(e));
 * const off = emitter.on('change', () => {});
 * emitter.emit('change');
 * off();
 */
/* @__NO_SIDE_EFFECTS__ */
export function createEmitter<Events extends { [K in keyof Events]: (...args: never[]) => void }>(
  onListenerError: (event: keyof Events, error: unknown) => void,
) {
  let listeners: { [K in keyof Events]?: Events[K][] } = {};
  return {
    on_<K extends keyof Events>(event: K, listener: Events[K]): () => void {
      const list = listeners[event] ?? [];
      list.push(listener);
      listeners[event] = list;
      return () => {
        listeners[event] = listeners[event]?.filter((l) => l !== listener);
      };
    },
    emit_<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
      for (const listener of listeners[event] || []) {
        try {
          listener(...args);
        } catch (error) {
          onListenerError(event, error);
        }
      }
    },
    has_: (event: keyof Events): boolean => !!listeners[event]?.length,
    clear_() {
      listeners = {};
    },
  };
}
