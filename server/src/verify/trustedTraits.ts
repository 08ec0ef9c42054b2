import type { JsonValue } from 'waymark/engine';
import type { EventRow } from './readNewEvents';

/**
 * The traits of an `identify` event that the server keeps: all of them when a valid token proved its `userId`; without
 * the `email` trait otherwise. The server mails that address (celebrations, team news, digests), so a browser that
 * merely claims a user id, or claims another user's, must not choose where that mail goes.
 *
 * @example
 * trustedTraits({ verified: false, properties: { email: 'x@y.example', plan: 'pro' } }); // { plan: 'pro' }
 */
export function trustedTraits(event: Pick<EventRow, 'verified' | 'properties'>): Record<string, JsonValue> {
  const traits = event.properties ?? {};
  if (event.verified || !('email' in traits)) return traits;
  const { email: _claimed, ...rest } = traits;
  return rest;
}
