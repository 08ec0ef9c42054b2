import type { createStatePull } from './createStatePull';
import { describeToken, isToken } from './isToken';
import { readTimestamp } from './readTimestamp';
import type { SessionContext } from './SessionContext';

/**
 * The session's calls that make events: `track` (evaluated here, queued for the backend, shared with the other
 * tabs), `identify` (switching users, or new traits and a token for the same one) and `group`.
 *
 * @example
 * const calls = sessionCalls(context, state);
 * calls.track('task_completed', { board: 'b1' }, Date.now());
 */
export function sessionCalls(context: SessionContext, state?: ReturnType<typeof createStatePull>) {
  const { engine_: engine, users_: users, checks_: checks, report_: report } = context;
  return {
    track(name: string, props: unknown, at: number, timestamp?: unknown) {
      if (checks.unsendable('track', name)) return;
      const ts = readTimestamp(timestamp, at, report);
      const p = checks.clean(props, 'properties') || {};
      context.send_?.('track', name, p, ts);
      engine.track(name, p, ts);
      context.tabs_?.send(name, p, ts);
    },
    identify(userId: string, rawTraits?: unknown, token?: unknown) {
      if (checks.unsendable('identify', userId)) return;
      const traits = checks.clean(rawTraits, 'traits');
      if (token !== undefined && !isToken(token)) {
        report({
          code: 'invalid_argument',
          path: 'identify.options.token',
          message: `expected a token string of 1 to 8192 characters, got ${describeToken(token)}; identified without it`,
        });
        token = undefined;
      }
      // Set first: the identify event itself goes with the token.
      if (token !== undefined) context.sync_?.setToken(userId, token as string);
      if (users.identity_().userId !== userId) {
        context.send_?.('identify', undefined, traits, context.options_.now(), userId);
        void context.client_.hold_(async () => {
          await users.switchTo_(userId, traits);
          context.tabs_?.changedUser();
          void state?.pull_();
        });
        return;
      }
      // The same user again: an identify event only for traits that change something; a token alone just refreshes.
      const known = engine.doc().traits;
      if (traits && Object.keys(traits).some((k) => JSON.stringify(traits[k]) !== JSON.stringify(known[k]))) {
        context.send_?.('identify', undefined, traits, context.options_.now(), userId);
        engine.setTraits(traits);
      }
      // A new token for a user whose state could not be read (refused, say) reads it now.
      if (token !== undefined && !state?.pulledCurrent_()) void state?.pull_();
    },
    group(accountId: string, traits?: unknown) {
      if (checks.unsendable('group', accountId)) return;
      engine.setAccount(accountId);
      context.saver_.schedule_();
      // Cleaned before the send, which is skipped without a sync: a problem in the traits is reported either way.
      const cleaned = checks.clean(traits, 'traits');
      context.send_?.('group', undefined, cleaned);
    },
  };
}
