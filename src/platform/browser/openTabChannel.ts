/**
 * Browser glue: a BroadcastChannel to the other tabs of this origin. Where there is no BroadcastChannel
 * (Node before 18, old browsers) it returns undefined.
 *
 * @example
 * const link = openTabChannel('waymark:pk_demo:state', (message) => apply(message));
 * link?.post({ id: 1 });
 */
export function openTabChannel(name: string, onMessage: (message: unknown) => void) {
  if (typeof BroadcastChannel !== 'function') return;
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event) => onMessage(event.data);
  // Node: an open channel must not keep a process alive.
  (channel as { unref?: () => void }).unref?.();
  return {
    post(message: unknown) {
      try {
        channel.postMessage(message);
      } catch {}
    },
    close: () => channel.close(),
  };
}
