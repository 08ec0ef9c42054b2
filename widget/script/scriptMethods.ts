import type { Waymark } from 'waymark';
import type { ScriptClient } from './createScriptClient';
import { safe } from './safe';

/** Any of the client's methods, called with the arguments given to the one of `window.waymark`. */
type Method = (...args: unknown[]) => unknown;

/**
 * The methods of `window.waymark` besides `init()`, on the script tag's client: none throws. Calls made before the
 * client exists wait in order; reads answer "nothing yet"; subscriptions return their unsubscribe at once.
 *
 * @example
 * const api = { init, ...scriptMethods(client) };
 * api.track('signed_up');
 */
export const scriptMethods = (client: ScriptClient) => {
  const { later_: later, ready_: ready } = client;
  const call = (name: keyof Waymark) => safe((...args: unknown[]) => later((wm) => (wm[name] as Method)(...args)));
  const read = (name: keyof Waymark, empty: unknown) =>
    safe((...args: unknown[]) => (client.wm_ ? (client.wm_[name] as Method)(...args) : empty), empty);
  const afterReady =
    (name: keyof Waymark) =>
    (...args: unknown[]) =>
      ready.then(() => (client.wm_![name] as Method)(...args));
  const listen = (name: 'on' | 'subscribe') =>
    safe(
      (...args: unknown[]) => {
        let off: (() => void) | undefined;
        let live = true;
        later((wm) => {
          if (live) off = (wm[name] as Method)(...args) as () => void;
        });
        return () => {
          live = false;
          off?.();
        };
      },
      () => {},
    );
  return {
    track: call('track'),
    identify: call('identify'),
    group: call('group'),
    setConsent: call('setConsent'),
    setDefinitions: call('setDefinitions'),
    report: call('report'),
    destroy: safe(() =>
      later((wm) => {
        client.widget_?.destroy();
        wm.destroy();
      }),
    ),
    on: listen('on'),
    subscribe: listen('subscribe'),
    milestones: read('milestones', []),
    milestone: read('milestone', undefined),
    levels: read('levels', []),
    claimCelebration: afterReady('claimCelebration'),
    flush: afterReady('flush'),
    reset: afterReady('reset'),
    open: safe(() => ready.then(() => client.widget_?.open())),
    close: safe(() => client.widget_?.close()),
    /** Resolves once the client exists and its stored state is restored. */
    ready,
  };
};
