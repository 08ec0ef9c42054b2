import type { createDefinitionSource } from './createDefinitionSource';
import type { createStatePull } from './createStatePull';
import type { SessionContext } from './SessionContext';

/**
 * Loads the sync's chunk (with an `endpoint`) while the stored identity is read, then connects the session to the
 * sync (`connectSync`, in that chunk) and returns the state pull it made (none without a sync). A sync that cannot be loaded (its chunk
 * missing from a stale deploy) costs the sending, not the progress: the client runs locally and says why. The
 * identity is read meanwhile, so that the sync's first request already carries the user's token.
 *
 * @example
 * const state = await startSync(context, definitions);
 * context.send_?.('track', 'task_completed', {}); // set with the sync, if there is one
 */
export async function startSync(
  context: SessionContext,
  definitions: ReturnType<typeof createDefinitionSource>,
): Promise<ReturnType<typeof createStatePull> | undefined> {
  const { options_: o, report_: report } = context;
  const [parts] = await Promise.all([
    o.endpoint
      ? context.client_.loadSync_().catch((error) =>
          report({
            code: 'sync_unavailable',
            message: `could not load the sync, nothing is sent from this page: ${String(error?.message ?? error)}`,
          }),
        )
      : undefined,
    context.users_.loadIdentity_(),
  ]);
  return parts?.connectSync(context, definitions, parts);
}
