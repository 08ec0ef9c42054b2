import { SignJWT } from 'jose';

export interface UserTokenClaims {
  /** The user the token proves (`sub`). */
  userId: string;
  /** The account (team) the user belongs to: then `group()` must name it. */
  accountId?: string;
}

/**
 * Signs a user token, on the host app's backend, with the project's identity secret (HS256 JWT: `sub` = userId,
 * optional `accountId`, `exp` from `expiresIn`). The browser passes it to `createWaymark({ userToken })` or
 * `identify(userId, traits, { token })`, and waymark-server then trusts that `userId`.
 *
 * @example
 * import { signUserToken } from 'waymark-server';
 * const token = await signUserToken({ userId: 'u_123', accountId: 'acct_9' }, process.env.WAYMARK_IDENTITY_SECRET, { expiresIn: '7d' });
 *
 * @param options.expiresIn a duration jose understands (`'7d'`, `'12h'`), or seconds; without it the token does not expire
 */
export async function signUserToken(
  claims: UserTokenClaims,
  secret: string,
  options: { expiresIn?: string | number } = {},
): Promise<string> {
  if (!claims || typeof claims.userId !== 'string' || !claims.userId)
    throw new TypeError('signUserToken: claims.userId must be a non-empty string');
  if (typeof secret !== 'string' || secret.length < 32)
    throw new TypeError('signUserToken: the secret must be a string of at least 32 characters');
  const payload = claims.accountId === undefined ? {} : { accountId: claims.accountId };
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuedAt();
  if (options.expiresIn !== undefined)
    jwt.setExpirationTime(
      typeof options.expiresIn === 'number' ? Math.floor(Date.now() / 1000) + options.expiresIn : options.expiresIn,
    );
  return jwt.sign(new TextEncoder().encode(secret));
}
