import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/ConfigError';
import { readConfig } from '../src/config/readConfig';
import type { Notification } from '../src/notify/createNotifier';
import { DAY, databases, SECRET, startTestServer, T0 } from './helpers';
import { act, insightDefinitions, settle } from './insights.helpers';

const iso = (t: number) => new Date(t).toISOString();

/** A server with these triggers, and what it publishes as `trigger.fired`. */
const start = async (url: string | undefined, triggers: unknown[]) => {
  const s = await startTestServer(
    url,
    { definitions: insightDefinitions, triggers: triggers as never },
    { scheduleEvery: 0 },
  );
  const fired: Notification[] = [];
  s.server.notifier.subscribe(async (_query, n) => void (n.type === 'trigger.fired' && fired.push(n)));
  const run = async (at: number) => {
    s.clock.now = at;
    const res = await s.admin('POST', '/v1/admin/scheduled/run');
    expect(res.status).toBe(200);
    await settle(s);
    return res.body.tasks.triggers;
  };
  /** What fired since the last look, as "trigger:who@period". */
  let seen = 0;
  const fresh = () => {
    const list = fired.slice(seen).map((n) => `${n.triggerId}:${n.userId ?? n.accountId}`);
    seen = fired.length;
    return list.sort();
  };
  return { s, fired, run, fresh };
};

describe('trigger definitions are checked at start', () => {
  const config = (triggers: unknown) => () =>
    readConfig({
      projects: [{ key: 'pk_t', secretKey: SECRET, definitions: insightDefinitions, triggers: triggers as never }],
    });
  const problems = (triggers: unknown) => {
    try {
      config(triggers)();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
    }
    throw new Error('accepted');
  };

  it("accepts the contract's examples", () => {
    const resolved = config([
      { id: 'celebrate-momentum', scope: 'account', when: { achievedAtLeast: 3, within: '30d' } },
      { id: 'check-in', scope: 'account', when: { quietFor: '30d' } },
      { id: 'behind-pace', scope: 'account', when: { behindPace: true } },
      { id: 'power-user', scope: 'user', when: { achieved: 'invite' } },
      { id: 'renewal-strong', scope: 'account', when: { achievedTotal: 15 } },
      { id: 'onboarded', scope: 'user', when: { achieved: 'start' } },
    ])();
    expect(resolved.projects[0].triggers.map((t) => [t.id, t.kind, t.ms ?? t.count ?? t.achievedId ?? null])).toEqual([
      ['celebrate-momentum', 'achievedAtLeast', 30 * DAY],
      ['check-in', 'quietFor', 30 * DAY],
      ['behind-pace', 'behindPace', null],
      ['power-user', 'achieved', 'invite'],
      ['renewal-strong', 'achievedTotal', 15],
      ['onboarded', 'achieved', 'start'],
    ]);
  });

  it('refuses each problem with its path', () => {
    expect(
      problems([
        { id: 'a', scope: 'team', when: { quietFor: '30 days' } },
        { id: 'b', when: { achievedAtLeast: 3 } },
        { id: 'c', when: { achievedTotal: 2, achieved: 'invite' } },
        { id: 'd', when: { achieved: 'power-users' }, colour: 'red' },
        { id: 'e', when: { behindPace: 'yes' } },
        { id: 'e', when: { achievedTotal: 1.5, within: '7d' } },
        { id: 'Bad Id', when: {} },
        { id: 'f', scope: 'account', when: { achieved: 'start' } },
      ]),
    ).toEqual([
      'projects[0].triggers[0].scope: expected "user" or "account"',
      'projects[0].triggers[0].when.quietFor: expected a duration like "30d"',
      'projects[0].triggers[1].when.within: expected a duration like "30d" (the window, ending now)',
      'projects[0].triggers[2].when: expected exactly one of achievedAtLeast, quietFor, behindPace, achieved, achievedTotal, got achieved and achievedTotal',
      'projects[0].triggers[3].colour: unknown field (expected id, scope, when, description)',
      'projects[0].triggers[3].when.achieved: no milestone or level "power-users" in this project\'s definitions',
      'projects[0].triggers[4].when.behindPace: expected true',
      'projects[0].triggers[5].when.within: goes with achievedAtLeast only',
      'projects[0].triggers[5].when.achievedTotal: expected a positive integer',
      'projects[0].triggers[6].id: expected 1 to 100 characters of a-z 0-9 _ -',
      'projects[0].triggers[6].when: expected exactly one of achievedAtLeast, quietFor, behindPace, achieved, achievedTotal',
      'projects[0].triggers[7].when.achieved: "start" is a level, which users complete: use "scope": "user"',
    ]);
    expect(problems({ id: 'x' })).toEqual(['projects[0].triggers: expected an array of triggers']);
    expect(
      problems([
        { id: 'x', when: { quietFor: '1d' } },
        { id: 'x', when: { quietFor: '2d' } },
      ]),
    ).toEqual(['projects[0].triggers[1].id: "x" is the id of an earlier trigger']);
  });
});

describe.each(databases)('triggers on $name', ({ url, skip }) => {
  describe.skipIf(skip)('on achievements', () => {
    let t: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      if (skip) return;
      t = await start(url, [
        { id: 'momentum', scope: 'account', when: { achievedAtLeast: 2, within: '10d' } },
        { id: 'team-total', scope: 'account', when: { achievedTotal: 3 } },
        { id: 'inviter', scope: 'user', when: { achieved: 'invite' } },
        { id: 'two-each', scope: 'user', when: { achievedTotal: 2 } },
        // A level: "start" is first-project and invite.
        { id: 'started', scope: 'user', when: { achieved: 'start' } },
      ]);
    }, 60_000);
    afterAll(() => t?.s.close());

    it('each fires once per subject and period, in the verification that made it true; a fresh set fires achievedAtLeast again', async () => {
      const { s } = t;
      const team = { accountId: 'acct-t' };
      await act(s, T0, 't1', ['project_created'], team);
      expect(t.fresh()).toEqual([]);
      // Two in the account within 10 days.
      await act(s, T0 + DAY, 't2', ['project_created'], team);
      expect(t.fresh()).toEqual(['momentum:acct-t']);
      // Three in all; t1 invited (and has two of its own). The momentum set so far was used: one new is not a set.
      await act(s, T0 + 2 * DAY, 't1', ['member_invited'], team);
      expect(t.fresh()).toEqual(['inviter:t1', 'started:t1', 'team-total:acct-t', 'two-each:t1']);
      // Two new since the last set, within 10 days: momentum again; team-total has fired for good.
      await act(s, T0 + 3 * DAY, 't2', ['member_invited'], team);
      expect(t.fresh()).toEqual(['inviter:t2', 'momentum:acct-t', 'started:t2', 'two-each:t2']);
      // The account's own milestone, 17 days on: alone in its window.
      await act(s, T0 + 20 * DAY, 't1', ['task_completed', 'task_completed', 'task_completed'], team);
      expect(t.fresh()).toEqual([]);
      await act(s, T0 + 21 * DAY, 't2', ['task_completed'], team);
      expect(t.fresh()).toEqual([]);
      // An invite already made changes nothing; a client's claim of one is no achievement.
      await act(s, T0 + 22 * DAY, 't1', ['member_invited'], team);
      await act(s, T0 + 22 * DAY, 't3', [{ type: 'achieved', name: 'invite' }], team);
      expect(t.fresh()).toEqual([]);
      const n = t.fired.find((f) => f.triggerId === 'inviter')!;
      expect(n).toEqual({
        type: 'trigger.fired',
        projectKey: 'pk_test',
        at: T0 + 2 * DAY,
        userId: 't1',
        accountId: 'acct-t',
        triggerId: 'inviter',
        key: 'trigger.fired:inviter:u:t1:achieved',
      });
      const total = t.fired.find((f) => f.triggerId === 'team-total')!;
      expect(total).toEqual({
        type: 'trigger.fired',
        projectKey: 'pk_test',
        at: T0 + 2 * DAY,
        accountId: 'acct-t',
        triggerId: 'team-total',
        key: 'trigger.fired:team-total:c:acct-t:total',
      });
    });

    it("the admin API lists the triggers with when each last fired, and each one's firings", async () => {
      const { s } = t;
      const { body } = await s.admin('GET', '/v1/admin/triggers');
      expect(body.triggers).toEqual([
        {
          id: 'momentum',
          scope: 'account',
          when: { achievedAtLeast: 2, within: '10d' },
          fired: 2,
          lastFiredAt: iso(T0 + 3 * DAY),
        },
        { id: 'team-total', scope: 'account', when: { achievedTotal: 3 }, fired: 1, lastFiredAt: iso(T0 + 2 * DAY) },
        { id: 'inviter', scope: 'user', when: { achieved: 'invite' }, fired: 2, lastFiredAt: iso(T0 + 3 * DAY) },
        { id: 'two-each', scope: 'user', when: { achievedTotal: 2 }, fired: 2, lastFiredAt: iso(T0 + 3 * DAY) },
        { id: 'started', scope: 'user', when: { achieved: 'start' }, fired: 2, lastFiredAt: iso(T0 + 3 * DAY) },
      ]);
      expect((await s.admin('GET', '/v1/admin/triggers/momentum/fires')).body.fires).toEqual([
        { accountId: 'acct-t', period: iso(T0 + 3 * DAY), firedAt: iso(T0 + 3 * DAY) },
        { accountId: 'acct-t', period: iso(T0 + DAY), firedAt: iso(T0 + DAY) },
      ]);
      expect((await s.admin('GET', '/v1/admin/triggers/inviter/fires?limit=1')).body.fires).toEqual([
        { userId: 't2', period: 'achieved', firedAt: iso(T0 + 3 * DAY) },
      ]);
      expect((await s.admin('GET', '/v1/admin/triggers/nope/fires')).status).toBe(404);
    });
  });

  describe.skipIf(skip)('on time passing', () => {
    let t: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      if (skip) return;
      t = await start(url, [
        { id: 'check-in', scope: 'account', when: { quietFor: '10d' } },
        { id: 'user-quiet', scope: 'user', when: { quietFor: '5d' } },
      ]);
    }, 60_000);
    afterAll(() => t?.s.close());

    it('quietFor fires once per quiet period, on the scheduled run; a new achievement ends the quiet and it fires again later', async () => {
      const { s, run } = t;
      await act(s, T0, 'q1', ['project_created'], { accountId: 'acct-q' });
      await act(s, T0, 'q2', ['page_viewed']);
      expect(await run(T0 + 5 * DAY - 1)).toEqual({ 'check-in': 0, 'user-quiet': 0 });
      // q1 quiet since its first project, q2 since its start: 5 days.
      expect(await run(T0 + 5 * DAY)).toEqual({ 'check-in': 0, 'user-quiet': 2 });
      expect(t.fresh()).toEqual(['user-quiet:q1', 'user-quiet:q2']);
      expect(await run(T0 + 6 * DAY)).toEqual({ 'check-in': 0, 'user-quiet': 0 });
      // q1 invites on day 7: its quiet (and its account's) ends.
      await act(s, T0 + 7 * DAY, 'q1', ['member_invited'], { accountId: 'acct-q' });
      expect(await run(T0 + 10 * DAY)).toEqual({ 'check-in': 0, 'user-quiet': 0 });
      expect(await run(T0 + 12 * DAY)).toEqual({ 'check-in': 0, 'user-quiet': 1 });
      expect(await run(T0 + 17 * DAY)).toEqual({ 'check-in': 1, 'user-quiet': 0 });
      expect(await run(T0 + 40 * DAY)).toEqual({ 'check-in': 0, 'user-quiet': 0 });
      expect(t.fresh()).toEqual(['check-in:acct-q', 'user-quiet:q1']);
      const fires = (await s.admin('GET', '/v1/admin/triggers/user-quiet/fires')).body.fires;
      expect(fires.filter((f: { userId: string }) => f.userId === 'q1')).toEqual([
        { userId: 'q1', period: iso(T0 + 7 * DAY), firedAt: iso(T0 + 12 * DAY) },
        { userId: 'q1', period: iso(T0), firedAt: iso(T0 + 5 * DAY) },
      ]);
    });
  });

  describe.skipIf(skip)('behind pace', () => {
    let t: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      if (skip) return;
      t = await start(url, [
        { id: 'slow-account', scope: 'account', when: { behindPace: true } },
        { id: 'slow-user', scope: 'user', when: { behindPace: true } },
      ]);
    }, 60_000);
    afterAll(() => t?.s.close());

    it('fires when a subject falls behind the median of its age, once while it stays behind, again after it caught up and fell back', async () => {
      const { s, run } = t;
      // Six one-user accounts started on T0, with 2, 2, 2, 1, 0 and 0 milestones.
      for (const [i, names] of [
        ['project_created', 'member_invited'],
        ['project_created', 'member_invited'],
        ['project_created', 'member_invited'],
        ['project_created'],
        ['page_viewed'],
        ['page_viewed'],
      ].entries())
        await act(s, T0, `b${i + 1}`, names, { accountId: `acct-b${i + 1}` });
      // b4 (1 against 2, 2, 2, 0, 0), b5 and b6 (0 against 2, 2, 2, 1, 0): the median is 2.
      expect(await run(T0 + 5 * DAY)).toEqual({ 'slow-account': 3, 'slow-user': 3 });
      expect(t.fresh()).toEqual([
        'slow-account:acct-b4',
        'slow-account:acct-b5',
        'slow-account:acct-b6',
        'slow-user:b4',
        'slow-user:b5',
        'slow-user:b6',
      ]);
      expect(await run(T0 + 5 * DAY + 1)).toEqual({ 'slow-account': 0, 'slow-user': 0 });
      // b5 catches up on day 6.
      await act(s, T0 + 6 * DAY, 'b5', ['project_created', 'member_invited'], { accountId: 'acct-b5' });
      expect(await run(T0 + 6 * DAY)).toEqual({ 'slow-account': 0, 'slow-user': 0 });
      // The first three teams reach their own milestone on day 7: acct-b5 (2) is behind 3, 3, 3 again; as a user, not.
      for (const i of [1, 2, 3])
        await act(s, T0 + 7 * DAY, `b${i}`, ['task_completed', 'task_completed', 'task_completed'], {
          accountId: `acct-b${i}`,
        });
      expect(await run(T0 + 7 * DAY)).toEqual({ 'slow-account': 1, 'slow-user': 0 });
      expect(t.fresh()).toEqual(['slow-account:acct-b5']);
      const fires = (await s.admin('GET', '/v1/admin/triggers/slow-account/fires')).body.fires.filter(
        (f: { accountId: string }) => f.accountId === 'acct-b5',
      );
      expect(fires).toEqual([
        { accountId: 'acct-b5', period: iso(T0 + 7 * DAY), firedAt: iso(T0 + 7 * DAY) },
        { accountId: 'acct-b5', period: iso(T0 + 5 * DAY), firedAt: iso(T0 + 5 * DAY), closedAt: iso(T0 + 6 * DAY) },
      ]);
    });
  });
});
