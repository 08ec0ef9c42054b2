import { keptFor } from '../cache/keptFor';
import type { Database } from '../db/types';
import { DAY } from '../timeUnits';
import type { SubjectKind } from '../verify/subjects';
import { readStartDays, type StartDays, startedBy } from './readStartDays';

/** A milestone's benchmark, as `/v1/state` sends it. */
export interface Benchmark {
  typicalDays?: number;
  percentile?: number;
}

interface ProjectData {
  /** milestone id → achievers by whole days from start (index: day). */
  days: Map<string, number[]>;
  /** kind → subjects by start day (epoch day), sorted by day, with running totals. */
  starts: StartDays;
}

const TTL_MS = 10_000;
/** Comparisons are left out where fewer than this many are compared: nobody's pace is exposed. */
export const MIN_COMPARED = 5;

const median = (counts: number[], total: number) => {
  let seen = 0;
  for (let day = 0; day < counts.length; day++) {
    seen += counts[day] ?? 0;
    if (seen * 2 >= total) return day;
  }
  return counts.length - 1;
};

/**
 * Benchmarks from the server's own verified data, kept as achievements are recorded (`waymark_benchmark_days`,
 * `waymark_start_days`) and read per project at most every 10 s, so a `/v1/state` never scans a project.
 * `typicalDays`: the median day (day 1 is the first) on which identified users (or accounts) reached the milestone.
 * `percentile`: of the peers old enough to have taken as long as this subject did, the share that had not reached it
 * faster ("faster than 80%"). Both need at least 5 subjects compared. Anonymous devices are never counted.
 *
 * @example
 * const benchmarks = createBenchmarks(db);
 * await benchmarks.forSubject('pk_demo', 'user', { 'ten-tasks': 3 * DAY }, Date.now());
 */
export function createBenchmarks(db: Database) {
  const load = async (projectKey: string): Promise<ProjectData> => {
    const days = new Map<string, number[]>();
    for (const r of await db.query(
      `select milestone_id, day, n from waymark_benchmark_days where project_key = $1 and n > 0`,
      [projectKey],
    ))
      (days.get(r.milestone_id) ?? days.set(r.milestone_id, []).get(r.milestone_id)!)[r.day] = r.n;
    const starts = await readStartDays(db, projectKey);
    return { days, starts };
  };

  const kept = keptFor(TTL_MS, load);
  const data = (projectKey: string) => kept.get(projectKey);

  /** Subjects of `kind` that started on or before `day`. */
  return {
    /**
     * Benchmarks for every milestone with enough data, and `percentile` where `taken` (milestone id → ms from the
     * subject's start to its achievement) says this subject achieved it. `kindOf` tells whether a milestone is counted
     * over users or over accounts.
     */
    async forSubject(
      projectKey: string,
      kindOf: (milestoneId: string) => Exclude<SubjectKind, 'anonymous'>,
      taken: Record<string, number>,
      now: number,
    ): Promise<Record<string, Benchmark>> {
      const { days, starts } = await data(projectKey);
      const out: Record<string, Benchmark> = {};
      for (const [id, counts] of days) {
        const total = counts.reduce((a, b) => a + (b ?? 0), 0);
        const benchmark: Benchmark = {};
        if (total >= MIN_COMPARED) benchmark.typicalDays = median(counts, total) + 1;
        const ms = taken[id];
        if (ms !== undefined) {
          const mine = Math.floor(Math.max(0, ms) / DAY);
          const peers = startedBy(starts.get(kindOf(id)), Math.floor(now / DAY) - mine) - 1;
          let faster = 0;
          for (let day = 0; day < mine && day < counts.length; day++) faster += counts[day] ?? 0;
          if (peers >= MIN_COMPARED) benchmark.percentile = Math.round((100 * Math.max(0, peers - faster)) / peers);
        }
        if (benchmark.typicalDays !== undefined || benchmark.percentile !== undefined) out[id] = benchmark;
      }
      return out;
    },
    forget: (projectKey: string) => kept.forget(projectKey),
  };
}

export type Benchmarks = ReturnType<typeof createBenchmarks>;
