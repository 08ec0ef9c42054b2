import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../src/notify/createNotifier';
import { DAY, databases, many, startTestServer, T0, type TestServer, wire } from './helpers';

describe.each(databases)('notifications and the scheduled run on $name', ({ url, skip }) => {
  let s: TestServer;
  const heard: Notification[] = [];
  beforeAll(async () => {
    if (skip) return;
    s = await startTestServer(url, {}, { scheduleEvery: 0 });
    s.server.notifier.subscribe(async (_query, n) => void heard.push(n));
  }, 60_000);
  afterAll(() => s?.close());

  it.skipIf(skip)(
    'verified achievements and completed levels are published once, for users with their account',
    async () => {
      const events = [
        wire({ userId: 'nu', anonymousId: 'nd', type: 'group', name: undefined, accountId: 'acct-n' }),
        wire({ userId: 'nu', anonymousId: 'nd', name: 'project_created', accountId: 'acct-n' }),
        ...many(10, () => ({ userId: 'nu', anonymousId: 'nd', accountId: 'acct-n' })),
      ];
      await s.post({ projectKey: 'pk_test', events });
      // A forged claim and a duplicate send publish nothing more.
      await s.post({
        projectKey: 'pk_test',
        events: [...events, wire({ userId: 'nu', anonymousId: 'nd', type: 'achieved', name: 'due-invite' })],
      });
      await s.server.idle();
      const mine = heard.filter((n) => n.userId === 'nu');
      expect(mine.map((n) => `${n.type}:${n.milestoneId ?? n.levelId}`).sort()).toEqual([
        'level.completed:getting-started',
        'milestone.achieved:first-project',
        'milestone.achieved:ten-tasks',
      ]);
      expect(mine.every((n) => n.accountId === 'acct-n' && n.projectKey === 'pk_test' && n.at === T0)).toBe(true);
      expect(new Set(mine.map((n) => n.key)).size).toBe(3);
    },
  );

  it.skipIf(skip)('a due date passes for a user who never comes back: overdue on the scheduled run, once', async () => {
    await s.post({
      projectKey: 'pk_test',
      events: [wire({ userId: 'gone-quiet', anonymousId: 'gq', name: 'page_viewed' })],
    });
    await s.server.idle();
    s.clock.now = T0 + 2 * DAY;
    expect((await s.admin('POST', '/v1/admin/scheduled/run')).body.tasks.deadlines).toEqual({ subjects: 0 });
    s.clock.now = T0 + 3 * DAY + 60_000;
    const run = await s.admin('POST', '/v1/admin/scheduled/run');
    expect(run.status).toBe(200);
    // Both users of this file started at T0 without inviting anyone: both are due now.
    expect(run.body.tasks.deadlines).toEqual({ subjects: 2 });
    await s.server.idle();
    const user = (await s.admin('GET', '/v1/admin/users/gone-quiet')).body;
    expect(user.progress.find((p: { id: string }) => p.id === 'due-invite').status).toBe('overdue');
    expect(heard.filter((n) => n.userId === 'gone-quiet').map((n) => `${n.type}:${n.milestoneId}`)).toEqual([
      'milestone.overdue:due-invite',
    ]);
    // Nothing left to look at: the next run asks no one.
    expect((await s.admin('POST', '/v1/admin/scheduled/run')).body.tasks.deadlines).toEqual({ subjects: 0 });
    s.clock.now = T0;
  });
});
