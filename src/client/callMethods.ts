import type { ClientShell } from './ClientShell';
import type { Consent, IdentifyOptions, TrackOptions, Waymark, WaymarkError } from '../types';

// Before the session loads, properties are copied so later changes by the host don't leak in; they are
// sanitised when the event is evaluated.
const copy = (props: unknown) => {
  try {
    return props && typeof props === 'object' && !Array.isArray(props) ? { ...props } : props;
  } catch {}
};

/**
 * The client's calls that feed the session: checked at once, then run in order (queued while the session loads or
 * switches users). `track` goes straight to the session when nothing is queued.
 *
 * @example
 * const { track } = callMethods(shell);
 * track('task_completed', { board: 'b1' });
 */
export function callMethods(shell: ClientShell) {
  const { guard_: guard, withSession_: withSession, isId_: isId, bad_: bad } = shell;
  const methods: Pick<Waymark, 'track' | 'identify' | 'group' | 'setDefinitions' | 'setConsent' | 'report'> = {
    track: guard('track', (name: string, properties?: object, options?: TrackOptions) => {
      if (!isId('track', name)) return;
      // The time of the call, unless the host gave one; read now, checked with the event.
      const timestamp = options && typeof options === 'object' ? options.timestamp : undefined;
      const at = shell.options_.now();
      const session = shell.session_;
      if (session && shell.queue_.live_()) session.track(name, properties, at, timestamp);
      else {
        const props = copy(properties);
        withSession((s) => s.track(name, props, at, timestamp));
      }
    }),
    identify: guard('identify', (userId: string, traits?: object, options?: IdentifyOptions) => {
      // The token is read now (checked by the session), like the traits: later changes by the host don't leak in.
      const token = options && typeof options === 'object' ? options.token : undefined;
      if (isId('identify', userId)) withSession((s) => s.identify(userId, copy(traits), token));
    }),
    group: guard('group', (accountId: string, traits?: object) => {
      if (isId('group', accountId)) withSession((s) => s.group(accountId, traits));
    }),
    setDefinitions: guard('setDefinitions', (definitions) => withSession((s) => s.setDefinitions(definitions))),
    setConsent: guard('setConsent', (consent: Consent) => {
      if (['granted', 'pending', 'denied'].includes(consent)) withSession((s) => s.setConsent(consent));
      else bad('setConsent', '"granted", "pending" or "denied"', consent);
    }),
    report: guard('report', (error: WaymarkError) => {
      if (typeof error?.code === 'string' && typeof error.message === 'string') shell.report_(error);
      else bad('report', 'an error { code, message, path? }', error);
    }),
  };
  return methods;
}
