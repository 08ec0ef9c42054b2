import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/types';
import { HOUR } from '../timeUnits';

const LIFETIME_MS = 12 * HOUR;

const hash = (id: string) => createHash('sha256').update(id).digest('base64url');

/**
 * Dashboard sessions: a random id in an HttpOnly cookie, never the secret key; only its hash is stored
 * (`waymark_dashboard_sessions`), so a copy of the database opens no dashboard. A session lasts 12 hours.
 * Wall-clock time: a session is security, not product time.
 *
 * @example
 * const sessions = createSessions(db);
 * const id = await sessions.open('pk_demo');
 * await sessions.projectOf(id); // 'pk_demo'
 */
export function createSessions(db: Database) {
  return {
    async open(projectKey: string): Promise<string> {
      const id = randomBytes(32).toString('base64url');
      const now = Date.now();
      await db.query(`delete from waymark_dashboard_sessions where expires_at < now()`);
      await db.query(
        `insert into waymark_dashboard_sessions (id_hash, project_key, created_at, expires_at) values ($1, $2, $3, $4)`,
        [hash(id), projectKey, new Date(now).toISOString(), new Date(now + LIFETIME_MS).toISOString()],
      );
      return id;
    },
    /** The project a session opens, or undefined (none, expired, signed out). */
    async projectOf(id: string | undefined): Promise<string | undefined> {
      if (!id || id.length > 100) return undefined;
      const [row] = await db.query(
        `select project_key from waymark_dashboard_sessions where id_hash = $1 and expires_at > now()`,
        [hash(id)],
      );
      return row?.project_key;
    },
    async close(id: string | undefined) {
      if (id) await db.query(`delete from waymark_dashboard_sessions where id_hash = $1`, [hash(id)]);
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
