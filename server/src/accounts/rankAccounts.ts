import { MIN_COMPARED } from '../state/createBenchmarks';
import { DAY } from '../timeUnits';

/** What `waymark_account_stats` holds about one account, in numbers. */
export interface AccountRow {
  accountId: string;
  users: number;
  achieved: number;
  /** When its first user started (epoch ms). */
  startedAt: number;
  lastAchievedAt?: number;
  /** Its achievements' times (epoch ms), ascending. */
  times: number[];
  /** The milestones it has: by any of its users, or its own account-scope ones. */
  milestones: string[];
}

export type AccountStatus = 'stalled' | 'expansion' | 'behind' | 'on_track';

/** An account with its status and, where at least 5 others are compared, its standing at its age. */
export interface RankedAccount extends AccountRow {
  status: AccountStatus;
  /** Whole days since its first user started. */
  ageDays: number;
  /** Share (0..100) of the compared accounts that had fewer achievements at this age. */
  percentile?: number;
  /** The compared accounts' median achievements at this age. */
  typicalAtThisAge?: number;
}

export interface RankOptions {
  now: number;
  /** The quiet period after which an account is stalled, ms. */
  stalledAfter: number;
  /** The milestones of the last level: an account with all of them is an expansion candidate. */
  lastLevel?: string[];
}

/** The whole days from the start to each achievement, ascending (as the times are). */
const daysOf = (row: AccountRow) => row.times.map((t) => Math.max(0, Math.floor((t - row.startedAt) / DAY)));

/** The median of a histogram of counts (histogram[c] = how many had c), with `total` entries. */
const medianOf = (histogram: number[], total: number) => {
  const at = (position: number) => {
    let seen = 0;
    for (let c = 0; c < histogram.length; c++) {
      seen += histogram[c];
      if (seen > position) return c;
    }
    return histogram.length - 1;
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
};

/**
 * Every account's status, first match wins (the contract's definitions):
 * `stalled`: nothing achieved for `stalledAfter` (since its last achievement, or its start);
 * `expansion`: at least 80% of the compared accounts had fewer achievements at its age (the top 20%), or it has every
 * milestone of the last level; `behind`: fewer achievements than the compared accounts' median at its age;
 * `on_track` otherwise. The compared accounts are the others at least as old (whole days), counted at its age; the
 * comparisons need at least 5. One pass per distinct age over the accounts at least that old.
 *
 * @example
 * const ranked = rankAccounts(rows, { now: Date.now(), stalledAfter: 30 * DAY, lastLevel: ['power-user'] });
 */
export function rankAccounts(rows: AccountRow[], options: RankOptions): RankedAccount[] {
  const { now, stalledAfter } = options;
  const ranked = rows.map(
    (row): RankedAccount => ({
      accountId: row.accountId,
      users: row.users,
      achieved: row.achieved,
      startedAt: row.startedAt,
      lastAchievedAt: row.lastAchievedAt,
      times: row.times,
      milestones: row.milestones,
      status: 'on_track',
      ageDays: Math.floor(Math.max(0, now - row.startedAt) / DAY),
    }),
  );
  const days = ranked.map(daysOf);
  // From the oldest age down: each account's count at the current age (`count`), and how many peers have each count
  // (`histogram`). Lowering the age takes back the achievements made after it (`after`: day → accounts), so the whole
  // pass costs the accounts and their achievements once, not accounts × ages.
  const order = ranked.map((_, i) => i).sort((a, b) => ranked[b].ageDays - ranked[a].ageDays);
  const after = new Map<number, number[]>();
  for (const [i, list] of days.entries()) {
    for (const d of list) {
      const accounts = after.get(d);
      if (accounts) accounts.push(i);
      else after.set(d, [i]);
    }
  }
  const count = new Array<number>(ranked.length).fill(-1);
  // Each account's achievements at its own age (all of them, unless dated after now).
  const own = new Array<number>(ranked.length).fill(0);
  const histogram: number[] = [0];
  const move = (i: number, to: number) => {
    if (count[i] >= 0) histogram[count[i]]--;
    while (histogram.length <= to) histogram.push(0);
    histogram[to]++;
    count[i] = to;
  };
  let peers = 0;
  let age = Infinity;
  for (let start = 0; start < order.length; ) {
    const groupAge = ranked[order[start]].ageDays;
    // Achievements after the new age no longer count for the accounts already compared.
    if (age !== Infinity)
      for (const [day, list] of after)
        if (day > groupAge && day <= age)
          for (const i of list) if (count[i] > 0 && days[i][count[i] - 1] > groupAge) move(i, count[i] - 1);
    age = groupAge;
    let end = start;
    for (; end < order.length && ranked[order[end]].ageDays === age; end++) {
      const i = order[end];
      let c = days[i].length;
      while (c > 0 && days[i][c - 1] > age) c--;
      move(i, c);
      own[i] = c;
      peers++;
    }
    if (peers - 1 >= MIN_COMPARED) {
      const below: number[] = [0];
      for (let c = 0; c < histogram.length; c++) below.push(below[c] + histogram[c]);
      for (let k = start; k < end; k++) {
        const account = ranked[order[k]];
        const mine = own[order[k]];
        histogram[mine]--;
        account.percentile = Math.round((100 * below[mine]) / (peers - 1));
        account.typicalAtThisAge = medianOf(histogram, peers - 1);
        histogram[mine]++;
      }
    }
    start = end;
  }
  const lastLevel = options.lastLevel?.length ? options.lastLevel : undefined;
  ranked.forEach((account, i) => {
    const quietSince = account.lastAchievedAt ?? account.startedAt;
    const has = new Set(account.milestones);
    if (now - quietSince >= stalledAfter) account.status = 'stalled';
    else if ((account.percentile ?? 0) >= 80 || lastLevel?.every((id) => has.has(id))) account.status = 'expansion';
    else if (account.typicalAtThisAge !== undefined && own[i] < account.typicalAtThisAge) account.status = 'behind';
  });
  return ranked;
}
