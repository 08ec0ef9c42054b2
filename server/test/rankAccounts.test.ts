import { describe, expect, it } from 'vitest';
import { type AccountRow, rankAccounts } from '../src/accounts/rankAccounts';

const DAY = 864e5;
const T0 = Date.UTC(2026, 10, 2, 9);
const NOW = T0 + 20 * DAY;

const account = (accountId: string, startDay: number, days: number[], milestones: string[] = []): AccountRow => ({
  accountId,
  users: 1,
  achieved: days.length,
  startedAt: T0 + startDay * DAY,
  lastAchievedAt: days.length ? T0 + Math.max(...days) * DAY : undefined,
  times: days.map((d) => T0 + d * DAY),
  milestones,
});

// Six accounts started on T0, 20 days old: 6, 3, 2, 2, 1 and 0 achievements; B1 started on day 10 with one on day 11.
const sixOld = [
  account('A1', 0, [0, 1, 2, 3, 15, 16]),
  account('A2', 0, [1, 12, 14]),
  account('A3', 0, [5, 18]),
  account('A4', 0, [2, 3]),
  account('A5', 0, [19], ['m1', 'm2']),
  account('A6', 0, []),
];
const rank = (rows: AccountRow[], options: { stalledAfter?: number; lastLevel?: string[] } = {}) =>
  Object.fromEntries(rankAccounts(rows, { now: NOW, stalledAfter: 30 * DAY, ...options }).map((a) => [a.accountId, a]));

describe('account status (first match wins), computed by hand', () => {
  it('top 20% at its age is expansion, 80% exactly included; below the median is behind; the rest on track', () => {
    const r = rank([...sixOld, account('B1', 10, [11])]);
    // A1 against A2..A6 (and B1 is younger, not compared): 5 of 5 had fewer.
    expect(r.A1).toMatchObject({ status: 'expansion', percentile: 100, typicalAtThisAge: 2, ageDays: 20 });
    // A2 (3): 4 of 5 fewer (6 is not): 80%.
    expect(r.A2).toMatchObject({ status: 'expansion', percentile: 80, typicalAtThisAge: 2 });
    // A3 (2) against 6, 3, 2, 1, 0: median 2, not fewer.
    expect(r.A3).toMatchObject({ status: 'on_track', percentile: 40, typicalAtThisAge: 2 });
    expect(r.A5).toMatchObject({ status: 'behind', percentile: 20, typicalAtThisAge: 2 });
    expect(r.A6).toMatchObject({ status: 'behind', percentile: 0, typicalAtThisAge: 2 });
    // B1 (day 10, one achievement) against the six counted at day 10: 4, 1, 1, 2, 0, 0; median (1 + 1) / 2.
    expect(r.B1).toMatchObject({ status: 'on_track', percentile: 33, typicalAtThisAge: 1, ageDays: 10 });
    expect(rank([...sixOld, account('B0', 10, [])]).B0).toMatchObject({ status: 'behind', typicalAtThisAge: 1 });
  });

  it('no comparison with fewer than 5 others of at least the same age', () => {
    const r = rank(sixOld.slice(0, 5));
    expect(r.A1.percentile).toBeUndefined();
    expect(r.A1.typicalAtThisAge).toBeUndefined();
    expect(r.A1.status).toBe('on_track');
    expect(r.A5.status).toBe('on_track');
  });

  it('stalled wins over expansion; the quiet period is measured from the last achievement, or from the start', () => {
    const r = rank(sixOld, { stalledAfter: 4 * DAY });
    // A1's last on day 16 and now is day 20: exactly 4 days.
    expect(r.A1).toMatchObject({ status: 'stalled', percentile: 100 });
    expect(r.A3.status).toBe('on_track');
    expect(r.A6.status).toBe('stalled');
    const edge = rank(sixOld, { stalledAfter: 4 * DAY + 1 });
    expect(edge.A1.status).toBe('expansion');
  });

  it('every milestone of the last level makes an expansion candidate, ahead of behind', () => {
    const r = rank(sixOld, { lastLevel: ['m1', 'm2'] });
    expect(r.A5).toMatchObject({ status: 'expansion', percentile: 20 });
    expect(rank(sixOld, { lastLevel: ['m1', 'm2', 'm3'] }).A5.status).toBe('behind');
  });
});
