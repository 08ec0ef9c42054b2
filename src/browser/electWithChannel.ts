/**
 * Leader election over BroadcastChannel, for browsers without Web Locks. The leader announces
 * itself every `beat` ms; when no announcement came for three beats (or the leader resigned),
 * a tab claims. When two claim at once, the smaller random id wins. A sitting leader is never
 * challenged by a newcomer, so leadership changes only when the leader goes.
 * Returns the release (resigns when leading).
 *
 * @example
 * const release = electWithChannel('waymark:pk_demo', (leader) => console.log(leader ? 'sending' : 'idle'));
 */
export function electWithChannel(name: string, listener: (leader: boolean) => void, beat = 1000): () => void {
  const me = Math.random();
  const channel = new BroadcastChannel(name + ':elect');
  let leader = false;
  let heard = Date.now();
  const become = (value: boolean) => value !== leader && listener((leader = value));
  channel.onmessage = ({ data }) => {
    if (data < 0) heard = 0;
    else if (typeof data === 'number') {
      heard = Date.now();
      if (leader && data < me) become(false);
    }
  };
  const timer = setInterval(() => {
    if (Date.now() - heard > 3 * beat) become(true);
    if (leader) channel.postMessage(me);
  }, beat);
  return () => {
    clearInterval(timer);
    if (leader) channel.postMessage(-1);
    channel.close();
    leader = false;
  };
}
