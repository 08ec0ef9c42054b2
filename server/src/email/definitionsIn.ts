import type { Query } from '../db/types';
import type { PublishedDefinitions } from '../definitions/createDefinitionStore';

/** Reads a project's current definitions with a given `query`. */
export type DefinitionsIn = (query: Query, projectKey: string) => Promise<PublishedDefinitions>;

/**
 * A reader of a project's current definitions with the caller's `query`: inside a notification's transaction the
 * shared definition store may not be used (on PGlite, one connection, a query outside the transaction waits
 * forever). A published version never changes, so each is read in full once per server.
 *
 * @example
 * const definitionsIn = createDefinitionsIn();
 * const definitions = await definitionsIn(query, 'pk_demo');
 */
export function createDefinitionsIn(): DefinitionsIn {
  const cache = new Map<string, PublishedDefinitions>();
  return async (query, projectKey) => {
    const [latest] = await query(`select max(version) as version from waymark_definitions where project_key = $1`, [
      projectKey,
    ]);
    const version = Number(latest?.version ?? 0);
    const key = `${projectKey}\n${version}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const [row] = await query(`select definitions from waymark_definitions where project_key = $1 and version = $2`, [
      projectKey,
      version,
    ]);
    const found: PublishedDefinitions = {
      version,
      milestones: row?.definitions.milestones ?? [],
      levels: row?.definitions.levels ?? [],
    };
    if (row) {
      if (cache.size >= 100) cache.delete(cache.keys().next().value!);
      cache.set(key, found);
    }
    return found;
  };
}
