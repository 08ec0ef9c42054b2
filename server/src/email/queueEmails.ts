import type { ServerContext } from '../context';
import type { Query } from '../db/types';
import type { EmailContent } from './EmailContent';

/** One email to queue: why (unique with the address: it is never sent twice), to whom, and what it says. */
export interface QueuedEmail {
  /** A notification key (`milestone.achieved:u:42:ten-tasks`) or a digest period (`digest:u:42:first`). */
  reason: string;
  address: string;
  /** The user it goes to, so a right-to-erasure request removes it. */
  userId: string;
  content: EmailContent;
}

/**
 * Stores emails and their `email` jobs in the caller's transaction. An address that unsubscribed is left out, and a
 * (reason, address) already stored is not stored again, so a notification published twice mails once. Answers how
 * many were queued.
 *
 * @example
 * await queueEmails(ctx, query, 'pk_demo', [{ reason: n.key, address: 'dana@acme.example', userId: 'u_1', content }]);
 */
export async function queueEmails(
  ctx: Pick<ServerContext, 'queue'>,
  query: Query,
  projectKey: string,
  emails: QueuedEmail[],
): Promise<number> {
  if (!emails.length) return 0;
  const rows = await query(
    `insert into waymark_emails (project_key, reason, address, kind, user_id, content)
     select $1, e.reason, e.address, e.content ->> 'kind', e.user_id, e.content
     from jsonb_to_recordset($2::jsonb) as e(reason text, address text, user_id text, content jsonb)
     where not exists (select 1 from waymark_email_unsubscribes u where u.project_key = $1 and u.address = e.address)
     on conflict (project_key, reason, address) do nothing
     returning id`,
    [
      projectKey,
      JSON.stringify(
        emails.map((e) => ({ reason: e.reason, address: e.address, user_id: e.userId, content: e.content })),
      ),
    ],
  );
  await ctx.queue.enqueue(
    { query },
    projectKey,
    'email',
    rows.map((r) => String(r.id)),
  );
  return rows.length;
}
