import { keptFor } from '../cache/keptFor';
import type { Database } from '../db/types';
import { MIN_COMPARED } from '../state/createBenchmarks';
import { readStartDays, type StartDays, startedBy } from '../state/readStartDays';
import { DAY } from '../timeUnits';
import { MAX_PACE_DAY } from './recordPace';

/** A subject's standing across all milestones, as `overall` in `/v1/state` sends it. */
export interface Overall {
  /** Share (0..100) of the compared subjects that had fewer milestones at this one's age. */
  percentile?: number;
  /** How many milestones the median compared subject had at this one's age (the upper median for an even number). */
  typicalAtThisAge?: number;
}

interface PaceData {
  /** kind → k → subjects that reached their k-th milestone by day d (index d, running totals to 365). */
  reached: Map<string, number[][]>;
  /** kind → start days, sorted, with running totals. */
  starts: StartDays;
  /** kind → subjects by start day and a milestone count they reached: [startDay, k, n]. */
  got: Map<string, [number, number, number][]>;
}

const TTL_MS = 10_000;

/**
 * Overall standing from `waymark_pace_days` (when subjects reached their k-th milestone, in days from their start) and
 * `waymark_start_days`, read per project at most every 10 s. The compared subjects are the others that started at
 * least as long ago as this one; their milestones "at this age" are those reached within as many days. Left out when
 * fewer than 5 are compared. Subjects younger than this one are taken out with `waymark_pace_starts` (who, by start
 * day, has reached k). All small tables: their size follows milestones and days, not users.
 *
 * @example
 * const pace = createPace(db);
 * await pace.standing('pk_demo', 'user', startedAt, 3, Date.now()); // { percentile: 80, typicalAtThisAge: 2 }
 */
export function createPace(db: Database) {
  const load = async (projectKey: string): Promise<PaceData> => {
    const reached = new Map<string, number[][]>();
    for (const r of await db.query(
      `select kind, k, day, n from waymark_pace_days where project_key = $1 and n <> 0 order by kind, k, day`,
      [projectKey],
    )) {
      const byK = reached.get(r.kind) ?? reached.set(r.kind, []).get(r.kind)!;
      byK[r.k] ??= new Array(MAX_PACE_DAY + 1).fill(0);
      byK[r.k][r.day] += r.n;
    }
    for (const byK of reached.values())
      for (const days of byK) if (days) for (let d = 1; d <= MAX_PACE_DAY; d++) days[d] += days[d - 1];
    const starts = await readStartDays(db, projectKey);
    const got = new Map<string, [number, number, number][]>();
    for (const r of await db.query(
      `select kind, start_day, k, n from waymark_pace_starts where project_key = $1 and n <> 0`,
      [projectKey],
    ))
      (got.get(r.kind) ?? got.set(r.kind, []).get(r.kind)!).push([r.start_day, r.k, r.n]);
    return { reached, starts, got };
  };

  const kept = keptFor(TTL_MS, load);
  const data = (projectKey: string) => kept.get(projectKey);

  return {
    /** The standing of a subject of `kind` that started at `startedAt` and has `achieved` milestones, at `now`. */
    async standing(
      projectKey: string,
      kind: string,
      startedAt: number,
      achieved: number,
      now: number,
    ): Promise<Overall> {
      const { reached, starts, got } = await data(projectKey);
      const age = Math.floor(Math.max(0, now - startedAt) / DAY);
      const lastPeerDay = Math.floor(now / DAY) - age;
      const peers = startedBy(starts.get(kind), lastPeerDay) - 1;
      if (peers < MIN_COMPARED) return {};
      const byK = reached.get(kind) ?? [];
      const day = Math.min(age, MAX_PACE_DAY);
      // Younger subjects that already reached k are in byK (they did it within fewer days) but are not compared.
      const younger: number[] = [];
      for (const [startDay, k, n] of got.get(kind) ?? [])
        if (startDay > lastPeerDay) younger[k] = (younger[k] ?? 0) + n;
      // Others that had at least k milestones at this age; this subject itself is taken out.
      const others = (k: number) =>
        k === 0
          ? peers
          : Math.min(peers, Math.max(0, (byK[k]?.[day] ?? 0) - (younger[k] ?? 0) - (k <= achieved ? 1 : 0)));
      let typical = 0;
      while (typical + 1 < byK.length && others(typical + 1) * 2 >= peers) typical++;
      const fewer = achieved === 0 ? 0 : peers - others(achieved);
      return { percentile: Math.round((100 * fewer) / peers), typicalAtThisAge: typical };
    },
    forget: (projectKey: string) => kept.forget(projectKey),
  };
}

export type Pace = ReturnType<typeof createPace>;
