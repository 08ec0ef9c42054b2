import { HttpError } from '../http/HttpError';

/** A `POST /v1/batch` body once its outer shape is checked; the events are checked one by one after. */
export interface Envelope {
  projectKey: string;
  events: unknown[];
  userToken?: string;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Checks the outside of a batch: an object with a `projectKey` and 1 to `maxEvents` events. A batch with more events
 * is a 413, so the client splits it rather than dropping it. `sentAt` is informational and never fails a batch.
 *
 * @example
 * readEnvelope({ projectKey: 'pk_demo', events: [event] }, 1000);
 */
export function readEnvelope(body: unknown, maxEvents: number): Envelope {
  if (!isObject(body)) throw new HttpError(400, 'body: expected a JSON object { projectKey, events }');
  const { projectKey, events, userToken } = body;
  if (typeof projectKey !== 'string' || !projectKey.length || projectKey.length > 200)
    throw new HttpError(400, 'projectKey: expected a string of 1 to 200 characters');
  if (!Array.isArray(events) || !events.length) throw new HttpError(400, 'events: expected a non-empty array');
  if (events.length > maxEvents)
    throw new HttpError(
      413,
      `events: ${events.length} in one batch, at most ${maxEvents}; send them in smaller batches`,
    );
  if (userToken !== undefined && userToken !== null && typeof userToken !== 'string')
    throw new HttpError(400, 'userToken: expected a string');
  return { projectKey, events, userToken: (userToken ?? undefined) as string | undefined };
}
