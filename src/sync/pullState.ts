import type { WaymarkError } from '../types';
import type { RemoteState, Transport } from './types';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

/** `overall`'s well-formed figures, or undefined when it has none. */
const readOverall = (x: unknown): RemoteState['overall'] => {
  if (!isObject(x)) return undefined;
  const overall: NonNullable<RemoteState['overall']> = {};
  if (isCount(x.percentile) && x.percentile <= 100) overall.percentile = x.percentile;
  if (isCount(x.typicalAtThisAge)) overall.typicalAtThisAge = x.typicalAtThisAge;
  return Object.keys(overall).length ? overall : undefined;
};

/**
 * `GET {endpoint}/v1/state` for one user, with `Authorization: Bearer <token>` when a token is given. Keeps only
 * well-formed fields (definitions are left for the caller to validate). A 401 calls `refused` and answers
 * `undefined`; any other failure reports `pull_failed` and answers `undefined`. Never rejects.
 *
 * @example
 * const state = await pullState({ endpoint, projectKey, transport, timeoutMs: 10_000, report, refused }, { anonymousId: 'a1' });
 */
export async function pullState(
  o: {
    endpoint: string;
    projectKey: string;
    transport: Transport;
    timeoutMs: number;
    report: (e: WaymarkError) => void;
    token?: string;
    /** The backend refused the user's identity (401). */
    refused: () => void;
  },
  who: { userId?: string; anonymousId: string },
): Promise<RemoteState | undefined> {
  const query = new URLSearchParams({ projectKey: o.projectKey, anonymousId: who.anonymousId });
  if (who.userId) query.set('userId', who.userId);
  const headers: Record<string, string> = o.token ? { authorization: `Bearer ${o.token}` } : {};
  let why: string;
  try {
    const res = await o.transport({
      url: `${o.endpoint}/v1/state?${query}`,
      method: 'GET',
      headers,
      timeoutMs: o.timeoutMs,
    });
    if (res.status === 401 && who.userId) {
      o.refused();
      return undefined;
    }
    const body = res.status === 200 ? await res.json() : undefined;
    if (isObject(body)) {
      const state: RemoteState = { achieved: {} };
      if (isObject(body.achieved))
        for (const id in body.achieved) {
          const at = body.achieved[id];
          if (typeof at === 'string' && Number.isFinite(Date.parse(at))) state.achieved[id] = at;
        }
      if (Array.isArray(body.milestones)) state.milestones = body.milestones;
      if (Array.isArray(body.levels)) state.levels = body.levels;
      if (typeof body.startedAt === 'string' && Number.isFinite(Date.parse(body.startedAt)))
        state.startedAt = body.startedAt;
      // Each benchmark is checked where it is used (mergeDefinitions, then validateDefinitions).
      if (isObject(body.benchmarks)) state.benchmarks = body.benchmarks as RemoteState['benchmarks'];
      const overall = readOverall(body.overall);
      if (overall) state.overall = overall;
      return state;
    }
    why = res.status === 200 ? 'the answer is not a JSON object' : `HTTP ${res.status}`;
  } catch (error) {
    why = String(error);
  }
  o.report({ code: 'pull_failed', message: `GET /v1/state failed: ${why}` });
}
