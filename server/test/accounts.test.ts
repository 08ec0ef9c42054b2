import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../src/db/migrations';
import { DAY, databases, startTestServer, T0, type TestServer } from './helpers';
import { act, insightDefinitions, settle } from './insights.helpers';

const iso = (t: number) => new Date(t).toISOString();

describe.each(databases)('accounts on $name', ({ url, skip }) => {
  let s: TestServer;
  const accounts = async (query = '') => (await s.admin('GET', `/v1/admin/accounts${query}`)).body;
  beforeAll(async () => {
    if (skip) return;
    s = await startTestServer(url, { definitions: insightDefinitions, stalledAfter: '10d' }, { scheduleEvery: 0 });
    // acct-1: p1 and p2 both make a first project (two achievements), p2 invites, p1's three tasks give the account
    // its own milestone.
    await act(s, T0, 'p1', ['project_created'], { accountId: 'acct-1' });
    await act(s, T0, 'p2', ['project_created'], { accountId: 'acct-1' });
    await act(s, T0 + DAY, 'p2', ['member_invited'], { accountId: 'acct-1' });
    await act(s, T0 + 2 * DAY, 'p1', ['task_completed', 'task_completed', 'task_completed'], { accountId: 'acct-1' });
    // acct-2: q1 and q2 make a first project; acct-3: r1 does nothing that counts. Then q2 moves to acct-3.
    await act(s, T0, 'q1', ['project_created'], { accountId: 'acct-2' });
    await act(s, T0, 'q2', ['project_created'], { accountId: 'acct-2' });
    await act(s, T0 + DAY, 'r1', ['page_viewed'], { accountId: 'acct-3' });
    await act(s, T0 + 3 * DAY, 'q2', ['page_viewed'], { accountId: 'acct-3' });
    s.clock.now = T0 + 11 * DAY;
  }, 120_000);
  afterAll(() => s?.close());

  it.skipIf(skip)(
    'each user-milestone once plus the account-scope ones; a user who moves takes theirs along',
    async () => {
      const body = await accounts();
      expect(body.accounts).toEqual([
        // The level "start" (first project and invite) is complete in acct-1: an expansion candidate.
        {
          accountId: 'acct-1',
          users: 2,
          achieved: 4,
          lastAchievedAt: iso(T0 + 2 * DAY),
          status: 'expansion',
          startedAt: iso(T0),
          ageDays: 11,
        },
        // 11 days without an achievement, with stalledAfter 10d.
        {
          accountId: 'acct-2',
          users: 1,
          achieved: 1,
          lastAchievedAt: iso(T0),
          status: 'stalled',
          startedAt: iso(T0),
          ageDays: 11,
        },
        // q2 brought its first project (T0); its start (T0) is earlier than r1's, so the account's age is 11 days.
        {
          accountId: 'acct-3',
          users: 2,
          achieved: 1,
          lastAchievedAt: iso(T0),
          status: 'stalled',
          startedAt: iso(T0),
          ageDays: 11,
        },
      ]);
      expect(body.total).toBe(3);
      expect(body.statuses).toEqual({ stalled: 2, expansion: 1, behind: 0, on_track: 0 });
      expect(body.next).toBeUndefined();
    },
  );

  it.skipIf(skip)(
    'the quiet period ends where stalledAfter says: 10 days after the last achievement, not before',
    async () => {
      s.clock.now = T0 + 2 * DAY + 10 * DAY - 1;
      expect((await accounts('?search=acct-1')).accounts[0].status).toBe('expansion');
      s.clock.now = T0 + 2 * DAY + 10 * DAY;
      expect((await accounts('?search=ACCT-1')).accounts[0].status).toBe('stalled');
      s.clock.now = T0 + 11 * DAY;
    },
  );

  it.skipIf(skip)('filters by status and id, sorts, and pages with a cursor', async () => {
    expect((await accounts('?status=stalled')).accounts.map((a: { accountId: string }) => a.accountId)).toEqual([
      'acct-2',
      'acct-3',
    ]);
    expect(
      (await accounts('?status=expansion,behind')).accounts.map((a: { accountId: string }) => a.accountId),
    ).toEqual(['acct-1']);
    expect((await accounts('?status=stalled')).statuses.stalled).toBe(2);
    expect((await accounts('?search=-3')).total).toBe(1);
    const ids = async (query: string) =>
      (await accounts(query)).accounts.map((a: { accountId: string }) => a.accountId);
    // Ties are ordered by id.
    expect(await ids('?sort=users')).toEqual(['acct-1', 'acct-3', 'acct-2']);
    expect(await ids('?sort=users&order=asc')).toEqual(['acct-2', 'acct-1', 'acct-3']);
    expect(await ids('?sort=lastAchievedAt')).toEqual(['acct-1', 'acct-2', 'acct-3']);
    expect(await ids('?sort=status')).toEqual(['acct-2', 'acct-3', 'acct-1']);
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const body = await accounts(`?sort=users&limit=1${cursor && `&cursor=${cursor}`}`);
      expect(body.accounts).toHaveLength(1);
      seen.push(body.accounts[0].accountId);
      if (!body.next) break;
      cursor = body.next;
    }
    expect(seen).toEqual(['acct-1', 'acct-3', 'acct-2']);
  });

  it.skipIf(skip)('bad queries are a 400 naming the parameter', async () => {
    const error = async (query: string) => {
      const res = await s.admin('GET', `/v1/admin/accounts${query}`);
      expect(res.status).toBe(400);
      return res.body.error;
    };
    expect(await error('?status=sleeping')).toBe('status: expected one of stalled, expansion, behind, on_track');
    expect(await error('?sort=name')).toMatch(/^sort: expected one of achieved, users/);
    expect(await error('?limit=0')).toBe('limit: expected a whole number from 1 to 500');
    expect(await error('?cursor=bm9wZQ')).toBe('cursor: not one this list gave for this sort and order');
    const next = (await accounts('?limit=1')).next;
    expect(await error(`?limit=1&sort=users&cursor=${next}`)).toBe(
      'cursor: not one this list gave for this sort and order',
    );
  });

  it.skipIf(skip)("one account: its users and its timeline, the account's own milestone without a user", async () => {
    const { status, body } = await s.admin('GET', '/v1/admin/accounts/acct-1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ accountId: 'acct-1', users: 2, achieved: 4, status: 'expansion' });
    expect(body.members).toEqual([
      { userId: 'p1', startedAt: iso(T0), lastSeenAt: iso(T0 + 2 * DAY), achieved: 1 },
      { userId: 'p2', startedAt: iso(T0), lastSeenAt: iso(T0 + DAY), achieved: 2 },
    ]);
    expect(body.timeline).toEqual([
      { at: iso(T0 + 2 * DAY), milestoneId: 'team-three', definitionsVersion: 1 },
      { at: iso(T0 + DAY), milestoneId: 'invite', userId: 'p2', definitionsVersion: 1 },
      { at: iso(T0), milestoneId: 'first-project', userId: 'p1', definitionsVersion: 1 },
      { at: iso(T0), milestoneId: 'first-project', userId: 'p2', definitionsVersion: 1 },
    ]);
    expect((await s.admin('GET', '/v1/admin/accounts/nobody')).status).toBe(404);
  });

  it.skipIf(skip)(
    'migration 3 computes from what was stored before it the same statistics as verification keeps',
    async () => {
      const tables = async () => ({
        days: await s.server.db.query(
          `select kind, k, day, n from waymark_pace_days where n <> 0 order by kind, k, day`,
        ),
        starts: await s.server.db.query(
          `select kind, start_day, k, n from waymark_pace_starts where n <> 0 order by kind, start_day, k`,
        ),
      });
      const before = {
        list: await accounts('?sort=accountId'),
        one: (await s.admin('GET', '/v1/admin/accounts/acct-3')).body,
        pace: await tables(),
      };
      expect(before.pace.days.length).toBeGreaterThan(0);
      const backfill = migrations
        .find((m) => m.version === 3)!
        .sql.split(/;\s*\n/)
        .filter((sql) => /^\s*insert/m.test(sql.replace(/--.*$/gm, '')));
      expect(backfill).toHaveLength(3);
      await s.server.db.transaction(async (query) => {
        for (const table of ['waymark_account_stats', 'waymark_pace_days', 'waymark_pace_starts'])
          await query(`delete from ${table}`);
        for (const sql of backfill) await query(sql);
      });
      expect(await accounts('?sort=accountId')).toEqual(before.list);
      expect((await s.admin('GET', '/v1/admin/accounts/acct-3')).body).toEqual(before.one);
      expect(await tables()).toEqual(before.pace);
    },
  );

  it.skipIf(skip)(
    "an erased user leaves the account's numbers; the account's own milestone is counted again once",
    async () => {
      expect((await s.admin('DELETE', '/v1/admin/users/p2')).status).toBe(200);
      await settle(s);
      const [one] = (await accounts('?search=acct-1')).accounts;
      // p1's first project and the account's three tasks (rebuilt from p1's events): no invite, so no longer the level.
      expect(one).toMatchObject({ users: 1, achieved: 2, lastAchievedAt: iso(T0 + 2 * DAY), status: 'on_track' });
    },
  );
});
