import type { createDefinitionSource } from './createDefinitionSource';
import type { Identity } from './createUsers';
import type { SessionContext } from './SessionContext';
import type { MilestoneState, OverallState } from '../types';
import type { RemoteState } from '../sync/types';

/** How old the last pull of `/v1/state` may be when the page is shown again before it is pulled again: 5 minutes. */
const STALE_AFTER = 5 * 60_000;

/**
 * Pulls what the backend knows of the user (`GET /v1/state`, through the sync): its definitions, achievements from
 * other devices and the user's standing, applied in the client's order and only while it is still the same user.
 * Made with the sync (`connectSync`, in the sync's chunk): a session without an `endpoint` has none, and pulls nothing.
 *
 * @example
 * const state = createStatePull(context, definitions);
 * void state.pull_();
 */
export function createStatePull(context: SessionContext, definitions: ReturnType<typeof createDefinitionSource>) {
  const { users_: users, engine_: engine } = context;
  // The identity whose last pull was answered: a new token for it needs no pull again.
  let pulled: Identity | undefined;
  // When the last pull was asked for (the client's clock): a page shown again after a while pulls again.
  let pulledAt = -Infinity;
  // This user's standing from the last pull, and the snapshot `overall()` built from it.
  let standing: { who: Identity; figures: NonNullable<RemoteState['overall']> } | undefined;
  let overall: { from: typeof standing; list: MilestoneState[]; state: OverallState } | undefined;

  const apply = (who: Identity, state: RemoteState) => {
    // An answer about a user this client has since left is not applied.
    if (who !== users.identity_()) return;
    pulled = who;
    standing = state.overall && { who, figures: state.overall };
    definitions.setRemote_(state);
    const achieved: Record<string, number> = {};
    for (const [id, at] of Object.entries(state.achieved || {}))
      if (Number.isFinite(Date.parse(at))) achieved[id] = Date.parse(at);
    const started = Date.parse(state.startedAt!);
    context.merging_ = true;
    try {
      engine.mergeAchieved(achieved, Number.isFinite(started) ? started : undefined);
    } finally {
      context.merging_ = false;
    }
  };
  const pull = (who = users.identity_()) => {
    pulledAt = context.options_.now();
    return context.sync_?.pull(who).then((state) => state && context.client_.run_(() => apply(who, state)));
  };

  return {
    pull_: pull,
    /** Whether the last pull was asked for 5 minutes ago or more (a page shown again then pulls again). */
    stale_: () => context.options_.now() - pulledAt >= STALE_AFTER,
    /** Whether the last answered pull was for the current identity. */
    pulledCurrent_: () => pulled === users.identity_(),
    /** `overall` from the last pull for this user, with the achieved count; the same object until either changes. */
    overall_(): OverallState | undefined {
      if (!standing || standing.who !== users.identity_()) return undefined;
      const list = engine.milestones();
      if (overall?.from !== standing || overall.list !== list)
        overall = {
          from: standing,
          list,
          state: { ...standing.figures, achieved: list.filter((m) => m.status === 'achieved').length },
        };
      return overall.state;
    },
  };
}
