import type { ServerContext } from '../context';
import type { Query } from '../db/types';
import type { Consumer, Notification } from '../notify/createNotifier';
import { describeSubject } from '../verify/describeSubject';
import { accountSubject, idOf, userSubject } from '../verify/subjects';
import { celebrationContent } from './celebrationContent';
import type { DefinitionsIn } from './definitionsIn';
import { nextStep } from './nextStep';
import { type QueuedEmail, queueEmails } from './queueEmails';
import { readAddress } from './readAddress';
import { teamContent } from './teamContent';
import { teamName } from './teamName';

type Context = Pick<ServerContext, 'project' | 'engines' | 'queue' | 'now'>;

/** A subject's stored engine state, or undefined when it has none. */
const readDoc = async (query: Query, projectKey: string, subject: string) =>
  (await query(`select doc from waymark_subjects where project_key = $1 and subject = $2`, [projectKey, subject]))[0]
    ?.doc;

const userEmail = async (
  ctx: Context,
  query: Query,
  n: Notification,
  o: Parameters<typeof nextStep>[3],
  definitions: Awaited<ReturnType<DefinitionsIn>>,
) => {
  const doc = await readDoc(query, n.projectKey, userSubject(n.userId!));
  const address = readAddress(doc?.traits?.email);
  if (!address) return [];
  const { milestones, levels } = describeSubject(ctx.engines, n.projectKey, definitions, 'user', doc, ctx.now());
  const milestone = milestones.find((m) => m.id === n.milestoneId);
  if (!milestone) return [];
  const cta = nextStep(milestones, levels, [milestone.id], o);
  return [
    { reason: n.key, address, userId: n.userId!, content: celebrationContent({ brand: o.brand, milestone, cta }) },
  ];
};

const teamEmails = async (
  ctx: Context,
  query: Query,
  n: Notification,
  o: Parameters<typeof nextStep>[3],
  definitions: Awaited<ReturnType<DefinitionsIn>>,
) => {
  const doc = await readDoc(query, n.projectKey, accountSubject(n.accountId!));
  const { milestones } = describeSubject(ctx.engines, n.projectKey, definitions, 'account', doc, ctx.now());
  const milestone = milestones.find((m) => m.id === n.milestoneId);
  if (!milestone) return [];
  const team = teamName(doc);
  const content = teamContent({
    brand: o.brand,
    ...(team && { team }),
    milestone,
    cta: nextStep(milestones, [], [milestone.id], o),
  });
  const users = await query(
    `select subject, doc -> 'traits' ->> 'email' as email from waymark_subjects
     where project_key = $1 and account_id = $2 and kind = 'user' and merged_into is null and doc -> 'traits' ? 'email'`,
    [n.projectKey, n.accountId],
  );
  const emails: QueuedEmail[] = [];
  for (const u of users) {
    const address = readAddress(u.email);
    if (address) emails.push({ reason: n.key, address, userId: idOf(u.subject), content });
  }
  return emails;
};

/**
 * The notification consumer of email: for a verified `milestone.achieved` of a milestone marked `"email": true`, a
 * celebration to the user (when their traits hold an `email`), or, for an account-scope milestone, a team announcement
 * to every user of the account with one. Runs in the verification's transaction, so the emails are queued with the
 * achievement; the notification key makes each (reason, address) one email however often it is published.
 *
 * @example
 * ctx.notifier.subscribe(celebrateByEmail(ctx, createDefinitionsIn()));
 */
export function celebrateByEmail(ctx: Context, definitionsIn: DefinitionsIn): Consumer {
  return async (query, n) => {
    if (n.type !== 'milestone.achieved' || !n.milestoneId) return;
    const email = ctx.project(n.projectKey)?.email;
    if (!email) return;
    const definitions = await definitionsIn(query, n.projectKey);
    const definition = definitions.milestones.find((m) => m.id === n.milestoneId);
    if (definition?.email !== true) return;
    const o = { appUrl: email.appUrl, brand: email.brand };
    const account = (definition.scope ?? 'user') === 'account';
    const emails =
      n.userId && !account
        ? await userEmail(ctx, query, n, o, definitions)
        : !n.userId && n.accountId && account
          ? await teamEmails(ctx, query, n, o, definitions)
          : [];
    await queueEmails(ctx, query, n.projectKey, emails);
  };
}
