import type { ServerContext } from '../context';

const PAGE = 5000;

/**
 * The scheduled part of due dates: every user and account whose next due date has come (`next_check_at`, kept by
 * verification) is evaluated again at the server's `now()`, with no new event needed, so a milestone turns overdue
 * (and `milestone.overdue` is published) for someone who never came back. Answers how many were asked.
 *
 * @example
 * await checkDeadlines(ctx, 'pk_demo'); // { subjects: 3 }
 */
export async function checkDeadlines(ctx: ServerContext, projectKey: string) {
  const rows = await ctx.db.query(
    `select subject from waymark_subjects where project_key = $1 and next_check_at <= $2 and merged_into is null order by next_check_at limit ${PAGE}`,
    [projectKey, new Date(ctx.now()).toISOString()],
  );
  if (rows.length)
    await ctx.queue.enqueue(
      ctx.db,
      projectKey,
      'verify',
      rows.map((r) => r.subject),
      { evaluate: true },
    );
  return { subjects: rows.length };
}
