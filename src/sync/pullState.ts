import type { WaymarkError } from '../types';
import type { RemoteState, Transport } from './types';

const isObject = (x: unknown): x is Record<string, any> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * `GET {endpoint}/v1/state` for one user. Keeps only well-formed fields (definitions are left
 * for the caller to validate); answers `undefined` after reporting `pull_failed`. Never rejects.
 *
 * @example
 * const state = await pullState({ endpoint, projectKey, transport, timeoutMs: 10_000, report }, { anonymousId: 'a1' });
 */
export async function pullState(
  o: { endpoint: string; projectKey: string; transport: Transport; timeoutMs: number; report: (e: WaymarkError) => void },
  who: { userId?: string; anonymousId: string },
): Promise<RemoteState | undefined> {
  const query = new URLSearchParams({ projectKey: o.projectKey, anonymousId: who.anonymousId });
  if (who.userId) query.set('userId', who.userId);
  let why: string;
  try {
    const res = await o.transport({ url: `${o.endpoint}/v1/state?${query}`, method: 'GET', headers: {}, timeoutMs: o.timeoutMs });
    const body = res.status === 200 ? await res.json() : undefined;
    if (isObject(body)) {
      const state: RemoteState = { achieved: {} };
      if (isObject(body.achieved))
        for (const id in body.achieved) {
          const at = body.achieved[id];
          if (typeof at === 'string' && isFinite(Date.parse(at))) state.achieved[id] = at;
        }
      if (Array.isArray(body.milestones)) state.milestones = body.milestones;
      if (Array.isArray(body.levels)) state.levels = body.levels;
      if (typeof body.startedAt === 'string' && isFinite(Date.parse(body.startedAt))) state.startedAt = body.startedAt;
      if (isObject(body.benchmarks)) state.benchmarks = body.benchmarks;
      return state;
    }
    why = res.status === 200 ? 'the answer is not a JSON object' : `HTTP ${res.status}`;
  } catch (error) {
    why = String(error);
  }
  o.report({ code: 'pull_failed', message: `GET /v1/state failed: ${why}` });
}
