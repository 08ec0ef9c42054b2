import type { Database } from '../db/types';
import { partitionPoint } from '../partitionPoint';

/** Per kind of subject, the start days in order, each with how many subjects had started by the end of it. */
export type StartDays = Map<string, { day: number; total: number }[]>;

/**
 * A project's subjects counted by start day (`waymark_start_days`), as running totals per kind, for the benchmarks and
 * the pace that compare a subject with those who started before it.
 *
 * @example
 * const starts = await readStartDays(db, 'pk_demo'); // Map { 'user' => [{ day: 20400, total: 3 }, …] }
 */
export async function readStartDays(db: Database, projectKey: string): Promise<StartDays> {
  const starts: StartDays = new Map();
  for (const r of await db.query(
    `select kind, day, n from waymark_start_days where project_key = $1 and n > 0 order by kind, day`,
    [projectKey],
  )) {
    const list = starts.get(r.kind) ?? starts.set(r.kind, []).get(r.kind)!;
    list.push({ day: r.day, total: (list.at(-1)?.total ?? 0) + r.n });
  }
  return starts;
}

/**
 * How many subjects had started by the end of `day` (epoch day), from one kind's running totals.
 *
 * @example
 * startedBy([{ day: 10, total: 3 }, { day: 12, total: 5 }], 11); // 3
 */
export function startedBy(list: { day: number; total: number }[] | undefined, day: number): number {
  if (!list) return 0;
  const started = partitionPoint(list, (d) => d.day <= day);
  return started ? list[started - 1].total : 0;
}
