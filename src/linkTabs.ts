/** A message between the tabs of one origin: events one tab tracked for user `k`, or `id` when the user changed. */
export type TabMessage = { k: string; e: [string, unknown, number][] } | { id: 1 };

/**
 * Browser glue: a BroadcastChannel to the other tabs of this origin, so every tab's engine sees every tab's
 * events and their progress bars agree. Where there is no BroadcastChannel (Node, old browsers) it does nothing.
 *
 * @example
 * const link = linkTabs('waymark:pk_demo:state', (message) => apply(message));
 * link?.post({ id: 1 });
 */
export function linkTabs(name: string, onMessage: (message: TabMessage) => void) {
  if (typeof BroadcastChannel != 'function') return;
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event) => onMessage(event.data);
  // Node: an open channel must not keep a process alive.
  (channel as { unref?: () => void }).unref?.();
  return {
    post(message: TabMessage) {
      try {
        channel.postMessage(message);
      } catch {}
    },
    close: () => channel.close(),
  };
}
