import type { ServerContext } from '../context';
import type { Job } from '../queue/createQueue';

const PAGE = 500;

/**
 * After definitions change: asks every user and account of the project to be evaluated again (a verification with
 * `evaluate`, which runs even without new events), a page of 500 subjects per run. Answers whether pages remain.
 *
 * @example
 * const more = await reevaluateProject(ctx, job);
 */
export async function reevaluateProject(ctx: ServerContext, job: Job): Promise<boolean> {
  const after = (job.payload as { after?: string } | null)?.after ?? '';
  const rows = await ctx.db.query(
    `select subject from waymark_subjects where project_key = $1 and subject > $2 and kind <> 'anonymous' and doc is not null
     order by subject limit ${PAGE}`,
    [job.projectKey, after],
  );
  if (!rows.length) return false;
  await ctx.queue.enqueue(
    ctx.db,
    job.projectKey,
    'verify',
    rows.map((r) => r.subject),
    { evaluate: true },
  );
  if (rows.length < PAGE) return false;
  // Unless definitions changed again meanwhile (which restarts from the first page).
  await ctx.db.query(`update waymark_jobs set payload = $2 where id = $1 and payload->>'after' = $3`, [
    job.id,
    JSON.stringify({ after: rows.at(-1)!.subject }),
    after,
  ]);
  return true;
}
