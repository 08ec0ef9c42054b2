import type { MilestoneState } from 'waymark/engine';
import type { ServerContext } from '../context';
import { accountSubject } from '../verify/subjects';
import { describeSubject } from './describeSubject';
import { digestContent } from './digestContent';
import { nextStep } from './nextStep';
import { queueEmails, type QueuedEmail } from './queueEmails';
import { readAddress } from './readAddress';

const DAY = 864e5;
const WEEK = 7 * DAY;
const PAGE = 500;
const iso = (t: number) => new Date(t).toISOString();

/**
 * The weekly digest, a scheduled task: at the server's `now()`, every user with an `email` trait whose last digest is
 * 7 days old or more (or who never had one) and who reached a milestone since (since the last digest, or in the last
 * 7 days for a first one; by when the server recorded it, so a late batch is never skipped) gets one digest, with
 * what their team reached in that time. Users with nothing new get nothing. At most 500 per run; the next run takes
 * the rest. Idempotent: a second run at the same time finds every digest sent. Answers `{ digests, users }`.
 *
 * @example
 * ctx.scheduledTasks.push(['digests', queueDigests]);
 */
export async function queueDigests(ctx: ServerContext, projectKey: string): Promise<Record<string, number>> {
  const email = ctx.project(projectKey)?.email;
  if (!email?.digest) return { digests: 0, users: 0 };
  const now = ctx.now();
  const definitions = await ctx.definitions.current(projectKey);
  const users = await ctx.db.query(
    `select s.subject, s.doc, s.account_id, d.last_at from waymark_subjects s
     left join waymark_email_digests d on d.project_key = s.project_key and d.user_id = substr(s.subject, 3)
     where s.project_key = $1 and s.kind = 'user' and s.doc -> 'traits' ? 'email' and s.merged_into is null
       and (d.last_at is null or d.last_at <= $2::timestamptz)
       and exists (select 1 from waymark_achievements a where a.project_key = $1 and a.subject = s.subject
         and a.recorded_at > coalesce(d.last_at, $2::timestamptz) and a.recorded_at <= $3::timestamptz)
     order by s.subject limit ${PAGE}`,
    [projectKey, iso(now - WEEK), iso(now)],
  );
  if (!users.length) return { digests: 0, users: 0 };
  const since = (u: (typeof users)[number]) => (u.last_at ? new Date(u.last_at).getTime() : now - WEEK);
  const windows = JSON.stringify(users.map((u) => ({ subject: u.subject, account: u.account_id, since: iso(since(u)) })));
  // What each user reached in their window, their account's milestones in it, and their teammates' (counted).
  const achieved = await ctx.db.query(
    `select w.subject, a.milestone_id, a.subject = w.subject as mine, a.subject = 'c:' || w.account as team
     from jsonb_to_recordset($2::jsonb) as w(subject text, account text, since timestamptz)
     join waymark_achievements a on a.project_key = $1 and a.recorded_at > w.since and a.recorded_at <= $3::timestamptz
       and (a.subject = w.subject or a.subject = 'c:' || w.account
         or a.subject in (select t.subject from waymark_subjects t where t.project_key = $1 and t.account_id = w.account and t.kind = 'user'))`,
    [projectKey, windows, iso(now)],
  );
  const accountIds = [...new Set(users.map((u) => u.account_id).filter(Boolean))];
  const accounts = new Map(
    (await ctx.db.query(`select subject, doc from waymark_subjects where project_key = $1 and subject = any($2::text[])`, [projectKey, accountIds.map(accountSubject)])).map(
      (r) => [r.subject.slice(2), r.doc],
    ),
  );
  const titles = new Map(definitions.milestones.map((m) => [m.id, m.title]));
  const emails: QueuedEmail[] = [];
  for (const u of users) {
    const address = readAddress(u.doc?.traits?.email);
    if (!address) continue;
    const rows = achieved.filter((a) => a.subject === u.subject);
    const mineIds = new Set(rows.filter((a) => a.mine).map((a) => a.milestone_id as string));
    const { milestones, levels } = describeSubject(ctx.engines, projectKey, definitions, 'user', u.doc, now);
    const mine = milestones.filter((m) => mineIds.has(m.id));
    if (!mine.length) continue;
    let teamMilestones: MilestoneState[] = [];
    const teamIds = new Set(rows.filter((a) => a.team).map((a) => a.milestone_id as string));
    if (teamIds.size && u.account_id)
      teamMilestones = describeSubject(ctx.engines, projectKey, definitions, 'account', accounts.get(u.account_id), now).milestones.filter((m) => teamIds.has(m.id));
    const counts = new Map<string, number>();
    for (const a of rows) if (!a.mine && !a.team && titles.has(a.milestone_id)) counts.set(a.milestone_id, (counts.get(a.milestone_id) ?? 0) + 1);
    const name = accounts.get(u.account_id)?.traits?.name;
    const content = digestContent({
      brand: email.brand,
      from: since(u),
      to: now,
      mine,
      team: {
        ...(typeof name === 'string' && name.trim() && { name: name.trim().slice(0, 80) }),
        milestones: teamMilestones,
        teammates: [...counts].map(([id, count]) => ({ title: titles.get(id)!, count })).sort((a, b) => b.count - a.count).slice(0, 5),
      },
      cta: nextStep(milestones, levels, [], { appUrl: email.appUrl, brand: email.brand }),
    });
    emails.push({ reason: `digest:${u.subject}:${u.last_at ? iso(new Date(u.last_at).getTime()) : 'first'}`, address, userId: u.subject.slice(2), content });
  }
  const queued = await ctx.db.transaction(async (query) => {
    // Every user looked at has had this period's digest, sent or (an address that is not one) not.
    await query(
      `insert into waymark_email_digests (project_key, user_id, last_at) select $1, unnest($2::text[]), $3::timestamptz
       on conflict (project_key, user_id) do update set last_at = excluded.last_at`,
      [projectKey, users.map((u) => u.subject.slice(2)), iso(now)],
    );
    return queueEmails(ctx, query, projectKey, emails);
  });
  return { digests: queued, users: users.length };
}
