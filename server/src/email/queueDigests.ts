import type { MilestoneState } from 'waymark/engine';
import type { ServerContext } from '../context';
import type { PublishedDefinitions } from '../definitions/createDefinitionStore';
import { WEEK } from '../timeUnits';
import { describeSubject } from '../verify/describeSubject';
import { accountSubject, idOf } from '../verify/subjects';
import { digestContent } from './digestContent';
import { nextStep } from './nextStep';
import { type QueuedEmail, queueEmails } from './queueEmails';
import { readAddress } from './readAddress';
import { type DigestActivity, readDigestActivity, teamKey } from './readDigestActivity';
import { type DueDigest, readDueDigests } from './readDueDigests';
import type { ProjectEmail } from './readEmailConfig';
import { teamName } from './teamName';

const PAGE = 500;
const MAX_PAGES = 40;
const iso = (t: number) => new Date(t).toISOString();

interface DigestInput {
  user: DueDigest;
  doc: unknown;
  accountDoc: unknown;
  since: number;
  activity: DigestActivity;
  /** Milestone titles by id. */
  titles: Map<string, string>;
}

/** One user's digest, or undefined when there is nothing to say (or no address). */
function digestFor(
  ctx: ServerContext,
  projectKey: string,
  email: ProjectEmail,
  definitions: PublishedDefinitions,
  { user, doc, accountDoc, since, activity, titles }: DigestInput,
  now: number,
): QueuedEmail | undefined {
  const address = readAddress((doc as { traits?: { email?: unknown } } | undefined)?.traits?.email);
  if (!address) return undefined;
  const mineIds = activity.own.get(user.subject) ?? new Set<string>();
  const { milestones, levels } = describeSubject(ctx.engines, projectKey, definitions, 'user', doc, now);
  const mine = milestones.filter((m) => mineIds.has(m.id));
  const team = user.accountId ? activity.team.get(teamKey(user.accountId, since)) : undefined;
  const teamMilestones: MilestoneState[] = team?.account.size
    ? describeSubject(ctx.engines, projectKey, definitions, 'account', accountDoc, now).milestones.filter((m) =>
        team.account.has(m.id),
      )
    : [];
  // The team's count includes this user's own: teammates are the others.
  const teammates = [...(team?.users ?? [])]
    .map(([id, count]) => ({ id, count: count - (mineIds.has(id) ? 1 : 0) }))
    .filter(({ id, count }) => count > 0 && titles.has(id))
    .map(({ id, count }) => ({ title: titles.get(id)!, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, 5);
  // Nothing to say (a milestone since removed from the definitions): no email.
  if (!mine.length && !teamMilestones.length && !teammates.length) return undefined;
  const name = teamName(accountDoc);
  const content = digestContent({
    brand: email.brand,
    from: since,
    to: now,
    mine,
    team: { ...(name && { name }), milestones: teamMilestones, teammates },
    cta: nextStep(milestones, levels, [], { appUrl: email.appUrl, brand: email.brand }),
  });
  const period = user.lastAt ? iso(user.lastAt) : 'first';
  return { reason: `digest:${user.subject}:${period}`, address, userId: idOf(user.subject), content };
}

/**
 * One page of the digest: up to 500 due users, with the emails made for them queued and their digest marked done in
 * one transaction. Answers how many emails were queued.
 */
async function digestPage(
  ctx: ServerContext,
  projectKey: string,
  email: ProjectEmail,
  definitions: PublishedDefinitions,
  due: DueDigest[],
  now: number,
) {
  const since = (u: DueDigest) => u.lastAt ?? now - WEEK;
  const accountIds = [...new Set(due.map((u) => u.accountId).filter((id): id is string => !!id))];
  const docs = await ctx.db.query(
    `select subject, doc from waymark_subjects where project_key = $1 and subject = any($2::text[])`,
    [projectKey, [...due.map((u) => u.subject), ...accountIds.map(accountSubject)]],
  );
  const docOf = new Map(docs.map((r) => [r.subject as string, r.doc]));
  const activity = await readDigestActivity(
    ctx,
    projectKey,
    due.map((u) => ({ subject: u.subject, accountId: u.accountId, since: since(u) })),
    now,
  );
  const titles = new Map(definitions.milestones.map((m) => [m.id, m.title]));
  const emails: QueuedEmail[] = [];
  for (const user of due) {
    const accountDoc = user.accountId ? docOf.get(accountSubject(user.accountId)) : undefined;
    const input = { user, doc: docOf.get(user.subject), accountDoc, since: since(user), activity, titles };
    const made = digestFor(ctx, projectKey, email, definitions, input, now);
    if (made) emails.push(made);
  }
  return ctx.db.transaction(async (query) => {
    // Every user looked at has had this period's digest, sent or (an address that is not one) not.
    await query(
      `insert into waymark_email_digests (project_key, user_id, last_at) select $1, unnest($2::text[]), $3::timestamptz
       on conflict (project_key, user_id) do update set last_at = excluded.last_at`,
      [projectKey, due.map((u) => idOf(u.subject)), iso(now)],
    );
    return queueEmails(ctx, query, projectKey, emails);
  });
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
  // Who is due is read once (now is fixed for the run); each page marks its users done. Bounded, so one run never
  // takes too long: the rest are due on the next run.
  const due = await readDueDigests(ctx, projectKey, now - WEEK, now, PAGE * MAX_PAGES);
  let digests = 0;
  for (let i = 0; i < due.length; i += PAGE)
    digests += await digestPage(ctx, projectKey, email, definitions, due.slice(i, i + PAGE), now);
  return { digests, users: due.length };
}
