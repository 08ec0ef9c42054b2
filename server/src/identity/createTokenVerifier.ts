import { jwtVerify } from 'jose';
import { MINUTE } from '../timeUnits';

/** What a valid token proves. */
export interface Proof {
  userId: string;
  accountId?: string;
}

/** Why a token was not accepted; short, for the 401's message (never the token itself). */
export type TokenProblem = 'missing' | 'malformed' | 'expired' | 'not yet valid' | 'bad signature';

const LEEWAY_SECONDS = 60;
const CACHE_SIZE = 5000;

/**
 * Checks user tokens against a project's identity secrets (any of them: two during rotation). `exp` and `nbf` are
 * checked against the wall clock with a minute of leeway. Valid tokens are remembered until their expiry (at most a
 * minute), so a busy client costs one HMAC a minute, not one a batch.
 *
 * @example
 * const verify = createTokenVerifier(['secret-of-at-least-32-characters…']);
 * const result = await verify(token); // { proof: { userId: 'u_1' } } or { problem: 'expired' }
 */
export function createTokenVerifier(secrets: string[]) {
  const keys = secrets.map((s) => new TextEncoder().encode(s));
  const cache = new Map<string, { proof: Proof; until: number }>();
  return async (token: unknown): Promise<{ proof: Proof } | { problem: TokenProblem }> => {
    if (typeof token !== 'string' || !token) return { problem: 'missing' };
    if (token.length > 4096) return { problem: 'malformed' };
    const hit = cache.get(token);
    if (hit && hit.until > Date.now()) return { proof: hit.proof };
    let problem: TokenProblem = 'bad signature';
    for (const key of keys) {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], clockTolerance: LEEWAY_SECONDS });
        if (typeof payload.sub !== 'string' || !payload.sub) return { problem: 'malformed' };
        const proof: Proof = { userId: payload.sub };
        if (typeof payload.accountId === 'string' && payload.accountId) proof.accountId = payload.accountId;
        if (cache.size >= CACHE_SIZE) cache.clear();
        const expiry = typeof payload.exp === 'number' ? payload.exp * 1000 + LEEWAY_SECONDS * 1000 : Infinity;
        cache.set(token, { proof, until: Math.min(Date.now() + MINUTE, expiry) });
        return { proof };
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ERR_JWT_EXPIRED') return { problem: 'expired' };
        if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && /nbf/.test(String((error as { claim?: string }).claim)))
          return { problem: 'not yet valid' };
        if (code === 'ERR_JWS_INVALID' || code === 'ERR_JWT_INVALID') problem = 'malformed';
        // A signature that fails with this key may pass with the other one (rotation): try it.
      }
    }
    return { problem };
  };
}
