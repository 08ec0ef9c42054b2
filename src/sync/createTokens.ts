import type { WaymarkError } from '../types';

/**
 * The identity tokens of the users whose events this client sends. Tokens are credentials: they live in memory only,
 * never in storage. A user whose token the backend refused (401) is held back until a different token arrives, so the
 * other users' events keep flowing; each refused token (or the lack of one) is reported once.
 *
 * @example
 * const tokens = createTokens(report);
 * tokens.set('u_1', jwt);
 * tokens.refuse('u_1', jwt); // identity_rejected, once; tokens.held('u_1') === true until tokens.set('u_1', newJwt)
 */
/* @__NO_SIDE_EFFECTS__ */
export function createTokens(report: (error: WaymarkError) => void) {
  const tokens = new Map<string, string>();
  // User id to the token the backend refused for it ('' for no token at all), and to the one last reported.
  const refused = new Map<string, string>();
  const reported = new Map<string, string>();

  const get = (userId: string | undefined) => (userId === undefined ? undefined : tokens.get(userId));
  return {
    get,
    /** Sets `userId`'s token; true when it changed. */
    set(userId: string, token: string): boolean {
      if (tokens.get(userId) === token) return false;
      tokens.set(userId, token);
      return true;
    },
    /** Every token known here, for another tab that sends. */
    all: (): Record<string, string> => Object.fromEntries(tokens),
    /** Whether `userId`'s events wait for a new token: the backend refused the one they would go with. */
    held: (userId: string | undefined) => userId !== undefined && refused.get(userId) === (tokens.get(userId) ?? ''),
    /** The backend answered 401 for `userId` sent with `token`: reported once per token; `hold` holds the user's events back. */
    refuse(userId: string, token: string | undefined, hold = true) {
      const sent = token ?? '';
      if (hold) refused.set(userId, sent);
      if (reported.get(userId) === sent) return;
      reported.set(userId, sent);
      const why = token ? 'the token is invalid or expired' : 'no token was given';
      report({
        code: 'identity_rejected',
        userId,
        message:
          `the backend refused user "${userId}" (HTTP 401: ${why}); their events are kept and sent once ` +
          `identify("${userId}", traits, { token }) gives a new token`,
      });
    },
  };
}
