import type { Project } from '../config/readConfig';
import type { Proof, TokenProblem } from '../identity/createTokenVerifier';
import type { IncomingEvent } from './readEvent';

/** An event cleared for storage: whether its userId was proven, and whether its account counts. */
export interface AuthorizedEvent extends IncomingEvent {
  verified: boolean;
  accountTrusted: boolean;
}

export type Authorization =
  | { ok: true; events: AuthorizedEvent[]; rejected: { id: string; reason: string }[] }
  | { ok: false; problem: TokenProblem };

/**
 * Decides, per event, what a batch's token proves. With `identity: 'required'`, an event naming a `userId` needs a
 * valid token for that user: no valid token at all is a 401 for the whole batch (the client keeps it and sends it
 * again with a new token); a valid token for another user refuses that event alone. An account counts only when the
 * token names it (then an event naming another account is refused). With `'optional'`, everything is accepted and a
 * matching token marks events verified. Without identity secrets nothing can be proven: events are taken as sent.
 *
 * @example
 * const result = authorizeBatch(project, events, proofOrProblem);
 */
export function authorizeBatch(
  project: Pick<Project, 'identity'>,
  events: IncomingEvent[],
  token: { proof: Proof } | { problem: TokenProblem },
): Authorization {
  const proof = 'proof' in token ? token.proof : undefined;
  if (project.identity === 'required' && !proof && events.some((e) => e.userId !== undefined))
    return { ok: false, problem: (token as { problem: TokenProblem }).problem };
  const accepted: AuthorizedEvent[] = [];
  const rejected: { id: string; reason: string }[] = [];
  for (const e of events) {
    const verified = !!proof && e.userId !== undefined && e.userId === proof.userId;
    if (project.identity === 'required' && e.userId !== undefined && !verified) {
      rejected.push({ id: e.id, reason: 'userId: the token proves another user' });
      continue;
    }
    if (proof?.accountId && verified && e.accountId !== undefined && e.accountId !== proof.accountId) {
      rejected.push({ id: e.id, reason: "accountId: not the token's account" });
      continue;
    }
    const accountTrusted =
      e.accountId !== undefined &&
      (project.identity === 'required' ? verified && proof!.accountId === e.accountId : true);
    accepted.push({ ...e, verified, accountTrusted });
  }
  return { ok: true, events: accepted, rejected };
}
