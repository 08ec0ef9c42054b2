import type { ServerContext } from '../context';
import { describeSubject } from '../verify/describeSubject';
import { accountSubject, userSubject } from '../verify/subjects';

/** `GET /v1/admin/users/:userId`. */
export interface UserAnswer {
  userId: string;
  accountId?: string;
  startedAt: string;
  achieved: Record<string, string>;
  progress: { id: string; current: number; target: number; status: string }[];
  events: number;
  verifiedEvents: number;
  clampedEvents: number;
  unconfirmedClaims: number;
}

const iso = (d: Date | string | number) => new Date(d).toISOString();

/**
 * One user as the server verified them: achievements (with their account's), and progress toward every milestone,
 * read from the stored engine state. Undefined for a user the server has not seen (or not verified yet).
 *
 * @example
 * const user = await readUser(ctx, 'pk_demo', 'u_1');
 */
export async function readUser(
  ctx: ServerContext,
  projectKey: string,
  userId: string,
): Promise<UserAnswer | undefined> {
  const subject = userSubject(userId);
  const [row] = await ctx.db.query(`select * from waymark_subjects where project_key = $1 and subject = $2`, [
    projectKey,
    subject,
  ]);
  if (!row) return undefined;
  const subjects = row.account_id ? [subject, accountSubject(row.account_id)] : [subject];
  const rows = await ctx.db.query(
    `select milestone_id, achieved_at from waymark_achievements where project_key = $1 and subject = any($2::text[]) order by achieved_at`,
    [projectKey, subjects],
  );
  const achieved: Record<string, string> = {};
  for (const r of rows) achieved[r.milestone_id] = iso(r.achieved_at);
  const definitions = await ctx.definitions.current(projectKey);
  // With the account's achievements merged in, as the browser shows them (the user's own, there already, stay).
  const elsewhere: Record<string, number> = {};
  for (const r of rows) elsewhere[r.milestone_id] = new Date(r.achieved_at).getTime();
  const { milestones } = describeSubject(ctx.engines, projectKey, definitions, 'user', row.doc, ctx.now(), elsewhere);
  const progress = milestones.map((m) => ({ id: m.id, current: m.current, target: m.target, status: m.status }));
  return {
    userId,
    ...(row.account_id && { accountId: row.account_id }),
    startedAt: iso(row.started_at),
    achieved,
    progress,
    events: Number(row.events),
    verifiedEvents: Number(row.verified_events),
    clampedEvents: Number(row.clamped),
    unconfirmedClaims: Number(row.claims_unconfirmed),
  };
}
