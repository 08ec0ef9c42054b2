import type { MilestoneState } from 'waymark/engine';
import type { ServerContext } from '../context';
import type { PublishedDefinitions } from '../definitions/createDefinitionStore';
import { accountSubject, idOf } from '../verify/subjects';
import { describeSubject } from './describeSubject';
import { digestContent } from './digestContent';
import { nextStep } from './nextStep';
import { type QueuedEmail, queueEmails } from './queueEmails';
import { readAddress } from './readAddress';
import type { ProjectEmail } from './readEmailConfig';
import { teamName } from './teamName';

const DAY = 864e5;
const WEEK = 7 * DAY;
const PAGE = 500;
const MAX_PAGES = 40;
const iso = (t: number) => new Date(t).toISOString();

/**
 * One page of the digest: up to 500 users due, with the emails made for them queued and their digest marked done in
 * one transaction. Answers how many users were looked at and how many emails were queued.
 */
async function digestPage(
  ctx: ServerContext,
  projectKey: string,
  email: ProjectEmail,
  definitions: PublishedDefinitions,
  now: number,
) {
  // Due: an email trait, no digest for 7 days (or never), and something new since (their own milestone, their account's,
  // or a teammate's), by when the server recorded it, so a batch that arrived late is never skipped.
  const users = await ctx.db.query(
    `select s.subject, s.doc, s.account_id, d.last_at from waymark_subjects s
     left join waymark_email_digests d on d.project_key = s.project_key and d.user_id = substr(s.subject, 3)
     where s.project_key = $1 and s.kind = 'user' and s.doc -> 'traits' ? 'email' and s.merged_into is null
       and (d.last_at is null or d.last_at <= $2::timestamptz)
       and exists (select 1 from waymark_achievements a where a.project_key = $1
         and a.recorded_at > coalesce(d.last_at, $2::timestamptz) and a.recorded_at <= $3::timestamptz
         and (a.subject = s.subject or (s.account_id is not null and (a.subject = 'c:' || s.account_id
           or a.subject in (select t.subject from waymark_subjects t where t.project_key = $1 and t.account_id = s.account_id and t.kind = 'user')))))
     order by s.subject limit ${PAGE}`,
    [projectKey, iso(now - WEEK), iso(now)],
  );
  if (!users.length) return { users: 0, queued: 0 };
  const since = (u: (typeof users)[number]) => (u.last_at ? new Date(u.last_at).getTime() : now - WEEK);
  const windows = JSON.stringify(
    users.map((u) => ({ subject: u.subject, account: u.account_id, since: iso(since(u)) })),
  );
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
  const accountRows = await ctx.db.query(
    `select subject, doc from waymark_subjects where project_key = $1 and subject = any($2::text[])`,
    [projectKey, accountIds.map(accountSubject)],
  );
  const accounts = new Map(accountRows.map((r) => [idOf(r.subject), r.doc]));
  const titles = new Map(definitions.milestones.map((m) => [m.id, m.title]));
  const emails: QueuedEmail[] = [];
  for (const u of users) {
    const address = readAddress(u.doc?.traits?.email);
    if (!address) continue;
    const rows = achieved.filter((a) => a.subject === u.subject);
    const mineIds = new Set(rows.filter((a) => a.mine).map((a) => a.milestone_id as string));
    const { milestones, levels } = describeSubject(ctx.engines, projectKey, definitions, 'user', u.doc, now);
    const mine = milestones.filter((m) => mineIds.has(m.id));
    let teamMilestones: MilestoneState[] = [];
    const teamIds = new Set(rows.filter((a) => a.team).map((a) => a.milestone_id as string));
    if (teamIds.size && u.account_id)
      teamMilestones = describeSubject(
        ctx.engines,
        projectKey,
        definitions,
        'account',
        accounts.get(u.account_id),
        now,
      ).milestones.filter((m) => teamIds.has(m.id));
    const counts = new Map<string, number>();
    for (const a of rows)
      if (!a.mine && !a.team && titles.has(a.milestone_id))
        counts.set(a.milestone_id, (counts.get(a.milestone_id) ?? 0) + 1);
    const teammates = [...counts]
      .map(([id, count]) => ({ title: titles.get(id)!, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 5);
    // Nothing to say (a milestone since removed from the definitions): no email.
    if (!mine.length && !teamMilestones.length && !teammates.length) continue;
    const content = digestContent({
      brand: email.brand,
      from: since(u),
      to: now,
      mine,
      team: {
        ...(teamName(accounts.get(u.account_id)) && { name: teamName(accounts.get(u.account_id)) }),
        milestones: teamMilestones,
        teammates,
      },
      cta: nextStep(milestones, levels, [], { appUrl: email.appUrl, brand: email.brand }),
    });
    const period = u.last_at ? iso(new Date(u.last_at).getTime()) : 'first';
    emails.push({ reason: `digest:${u.subject}:${period}`, address, userId: idOf(u.subject), content });
  }
  const queued = await ctx.db.transaction(async (query) => {
    // Every user looked at has had this period's digest, sent or (an address that is not one) not.
    await query(
      `insert into waymark_email_digests (project_key, user_id, last_at) select $1, unnest($2::text[]), $3::timestamptz
       on conflict (project_key, user_id) do update set last_at = excluded.last_at`,
      [projectKey, users.map((u) => idOf(u.subject)), iso(now)],
    );
    return queueEmails(ctx, query, projectKey, emails);
  });
  return { users: users.length, queued };
}

/**
 * The weekly digest, a scheduled task: at the server's `now()`, every user with an `email` trait whose last digest is
 * 7 days old or more (or who never had one) and who, or whose team, reached a milestone since (since the last digest,
 * or in the last 7 days for a first one) gets one digest: what they reached, their account's milestones, and how many
 * teammates reached which milestone (counted, never named). Users with nothing new get nothing and keep waiting.
 * Idempotent: a second run at the same time finds no one due, and a digest's reason (`digest:u:42:<last digest>`)
 * mails once however often it is made. Answers `{ digests, users }`.
 *
 * @example
 * ctx.scheduledTasks.push(['digests', queueDigests]);
 */
export async function queueDigests(ctx: ServerContext, projectKey: string): Promise<Record<string, number>> {
  const email = ctx.project(projectKey)?.email;
  if (!email?.digest) return { digests: 0, users: 0 };
  const now = ctx.now();
  const definitions = await ctx.definitions.current(projectKey);
  let digests = 0;
  let users = 0;
  // Each page marks its users done, so the next page is the next users; bounded, so one run never takes too long.
  for (let page = 0; page < MAX_PAGES; page++) {
    const done = await digestPage(ctx, projectKey, email, definitions, now);
    digests += done.queued;
    users += done.users;
    if (done.users < PAGE) break;
  }
  return { digests, users };
}
