import { createHash } from 'node:crypto';
import {
  type LevelDefinition,
  type MilestoneDefinition,
  type ValidationIssue,
  validateDefinitions,
} from 'waymark/engine';
import { keptFor } from '../cache/keptFor';
import type { Definitions } from '../config/types';
import type { Database } from '../db/types';

/** One published version of a project's definitions. Version 0: nothing published yet. */
export interface PublishedDefinitions {
  version: number;
  milestones: MilestoneDefinition[];
  levels: LevelDefinition[];
  publishedAt?: string;
  source?: 'config' | 'api';
}

// Another process may publish: a cached version is re-read after this long.
const TTL_MS = 2000;

const checksum = (d: Definitions) =>
  createHash('sha256')
    .update(JSON.stringify({ milestones: d.milestones, levels: d.levels ?? [] }))
    .digest('hex');

/**
 * A project's definitions, versioned in `waymark_definitions`: every publish is a new version, so an edit never
 * rewrites history (each achievement records the version it was made under). Reads are cached for two seconds.
 *
 * @example
 * const store = createDefinitionStore(db);
 * const { version, milestones } = await store.current('pk_demo');
 * await store.publish('pk_demo', { milestones, levels: [] }, 'api');
 */
export function createDefinitionStore(db: Database) {
  const load = async (projectKey: string): Promise<PublishedDefinitions> => {
    const [row] = await db.query(
      `select version, definitions, source, published_at from waymark_definitions where project_key = $1 order by version desc limit 1`,
      [projectKey],
    );
    if (!row) return { version: 0, milestones: [], levels: [] };
    return {
      version: row.version,
      milestones: row.definitions.milestones ?? [],
      levels: row.definitions.levels ?? [],
      publishedAt: new Date(row.published_at).toISOString(),
      source: row.source,
    };
  };

  const kept = keptFor(TTL_MS, load);
  const store = {
    current: (projectKey: string): Promise<PublishedDefinitions> => kept.get(projectKey),
    /**
     * Validates and publishes a new version. Answers the version, or the problems (with paths) and publishes nothing.
     */
    async publish(
      projectKey: string,
      json: unknown,
      source: 'config' | 'api',
      at: number,
    ): Promise<{ version: number; unchanged?: boolean } | { errors: ValidationIssue[] }> {
      const checked = validateDefinitions(json);
      if (checked.errors.length) return { errors: checked.errors };
      const definitions = { milestones: checked.milestones, levels: checked.levels };
      const sum = checksum(definitions);
      const result = await db.transaction(async (query) => {
        // One publisher at a time per project, across processes.
        await query('select pg_advisory_xact_lock(hashtext($1))', [`waymark:definitions:${projectKey}`]);
        if (source === 'config') {
          // The configuration's definitions are published once per change of the file, by whichever process starts first.
          const [last] = await query(
            `select version, checksum from waymark_definitions where project_key = $1 and source = 'config' order by version desc limit 1`,
            [projectKey],
          );
          if (last?.checksum === sum) return { version: last.version as number, unchanged: true };
        }
        const [row] = await query(
          `select coalesce(max(version), 0) + 1 as next from waymark_definitions where project_key = $1`,
          [projectKey],
        );
        await query(
          `insert into waymark_definitions (project_key, version, definitions, source, checksum, published_at) values ($1, $2, $3, $4, $5, $6)`,
          [projectKey, row.next, JSON.stringify(definitions), source, sum, new Date(at).toISOString()],
        );
        return { version: row.next as number };
      });
      kept.forget(projectKey);
      return result;
    },
    forget: (projectKey: string) => kept.forget(projectKey),
  };
  return store;
}

export type DefinitionStore = ReturnType<typeof createDefinitionStore>;
