import { DAY, MINUTE } from '../timeUnits';

/** How far back a client may date an event before the server first saw its user: the client's retry budget. */
export const BACKDATE_LIMIT = DAY;
/** How far ahead of the server's clock an event may be dated (clock skew). */
export const FUTURE_SKEW = 5 * MINUTE;

/**
 * The time the server uses for an event: the client's timestamp, unless it lies before the user's start by more than
 * a client could have held it (the retry budget), or after its arrival by more than clock skew. Then it is moved to
 * that bound (earlier) or to the arrival (later), and counted: a forged year-100 event can't make a milestone overdue,
 * and an achievement can't be dated before its user existed.
 *
 * @example
 * clampTime(Date.parse('0100-01-01'), start, received); // { at: start - BACKDATE_LIMIT, clamped: true }
 */
export function clampTime(timestamp: number, startedAt: number, receivedAt: number): { at: number; clamped: boolean } {
  const earliest = startedAt - BACKDATE_LIMIT;
  if (timestamp < earliest) return { at: earliest, clamped: true };
  if (timestamp > receivedAt + FUTURE_SKEW) return { at: receivedAt, clamped: true };
  return { at: timestamp, clamped: false };
}
