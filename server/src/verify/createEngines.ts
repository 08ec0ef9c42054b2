import { createEngine, type Engine, type MilestoneDefinition } from 'waymark/engine';
import type { PublishedDefinitions } from '../definitions/createDefinitionStore';
import type { SubjectKind } from './subjects';

/** An engine set up for one version of a project's definitions and one kind of subject, with a clock the caller moves. */
export interface ServerEngine {
  engine: Engine;
  clock: { now: number };
  /** Ids of the milestones this engine records for its subjects (account-scope ones for accounts, the others for users). */
  own: Set<string>;
}

const MAX_CACHED = 200;

/**
 * The definitions an account is evaluated with: its account-scope milestones, as if the account were one user doing
 * all its users' events. Prerequisites on user milestones are left out (an account has none of its own).
 */
const forAccounts = (milestones: MilestoneDefinition[]): MilestoneDefinition[] => {
  const ids = new Set(milestones.filter((m) => m.scope === 'account').map((m) => m.id));
  return milestones
    .filter((m) => ids.has(m.id))
    .map((m) => ({ ...m, scope: 'user' as const, requires: m.requires?.filter((r) => ids.has(r)) }));
};

/**
 * Engines for verification, one per (project, definitions version, subject kind), reused across jobs. Every use is
 * synchronous from `load(doc)` to reading the result, so one engine serves many subjects in turn.
 *
 * @example
 * const engines = createEngines();
 * const { engine, clock } = engines.get('pk_demo', definitions, 'user');
 * clock.now = Date.now();
 * engine.load(doc);
 * engine.track('task_completed', {}, clock.now);
 */
export function createEngines() {
  const cache = new Map<string, ServerEngine>();
  return {
    get(projectKey: string, definitions: PublishedDefinitions, kind: SubjectKind): ServerEngine {
      const scope = kind === 'account' ? 'account' : 'user';
      const key = `${projectKey}\n${definitions.version}\n${scope}`;
      let hit = cache.get(key);
      if (!hit) {
        const clock = { now: 0 };
        // The server reads state, it shows nothing: no listeners, no quiet-period nudges (triggers do that).
        const engine = createEngine({
          now: () => clock.now,
          report: () => {},
          emit: () => {},
          listens: () => false,
          changed: () => {},
          stalledAfter: 0,
        });
        const milestones = scope === 'account' ? forAccounts(definitions.milestones) : definitions.milestones;
        engine.define(milestones, scope === 'account' ? [] : definitions.levels);
        const own = new Set(milestones.filter((m) => (m.scope ?? 'user') === 'user').map((m) => m.id));
        hit = { engine, clock, own };
        if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
        cache.set(key, hit);
      }
      return hit;
    },
  };
}

export type Engines = ReturnType<typeof createEngines>;
