import type { SessionContext } from './SessionContext';
import type { Properties } from '../types';
import type { WireEvent } from '../sync/types';

/**
 * An event for the backend, of the session's current user unless `userId` says otherwise (an `identify` names the
 * user it switches to), at `at` (the time of the call by default). Its `id` is the sync's to give.
 *
 * @example
 * sync.enqueue(wireEvent(context, 'track', 'task_completed', { board: 'b1' }));
 */
export const wireEvent = (
  context: SessionContext,
  type: WireEvent['type'],
  name?: string,
  properties?: Properties,
  at = context.options_.now(),
  userId = context.users_.identity_().userId,
): WireEvent => ({
  id: '',
  type,
  name,
  properties,
  userId,
  anonymousId: context.users_.identity_().anonymousId,
  accountId: context.engine_.doc().accountId,
  timestamp: new Date(at).toISOString(),
});
