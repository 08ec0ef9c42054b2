import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDigestActivity, teamKey } from '../src/email/readDigestActivity';
import { readDueDigests } from '../src/email/readDueDigests';
import { DAY, databases, startTestServer, T0, type TestServer } from './helpers';

// The digest's two reads, on rows written as verification leaves them: who is due, and what their windows hold.
const at = (t: number) => new Date(t).toISOString();

describe.each(databases)('digest queries on $name', ({ url, skip }) => {
  let s: TestServer;
  const query = (sql: string, params: unknown[]) => s.server.db.query(sql, params);
  const user = (id: string, account: string | null, email = true) =>
    query(
      `insert into waymark_subjects (project_key, subject, kind, doc, started_at, last_event_at, account_id)
       values ('pk_digest', $1, 'user', $2, $3, $3, $4)`,
      [`u:${id}`, { v: 1, traits: email ? { email: `${id}@acme.example` } : {} }, at(T0 - 60 * DAY), account],
    );
  const achieved = (subject: string, milestone: string, recordedDaysAgo: number, achievedDaysAgo = recordedDaysAgo) =>
    query(
      `insert into waymark_achievements (project_key, subject, milestone_id, achieved_at, definitions_version, recorded_at)
       values ('pk_digest', $1, $2, $3, 1, $4)`,
      [subject, milestone, at(T0 - achievedDaysAgo * DAY), at(T0 - recordedDaysAgo * DAY)],
    );
  const digested = (id: string, daysAgo: number) =>
    query(`insert into waymark_email_digests (project_key, user_id, last_at) values ('pk_digest', $1, $2)`, [
      id,
      at(T0 - daysAgo * DAY),
    ]);

  beforeAll(async () => {
    if (skip) return;
    s = await startTestServer(url);
    // acme: ann reached one herself; bob nothing (his teammate's counts); cy had a digest 3 days ago (not due yet).
    for (const id of ['ann', 'bob', 'cy']) await user(id, 'acme');
    await achieved('u:ann', 'first', 2);
    await digested('cy', 3);
    // globex: only the account's own milestone, recorded 1 day ago.
    await user('gil', 'globex');
    await achieved('c:globex', 'team_goal', 1);
    // initech: its only achievement was recorded 10 days ago, before a first digest's window (nothing new).
    await user('ida', 'initech');
    await achieved('u:ida', 'first', 10);
    // A batch that arrived late: achieved 20 days ago, recorded 1 day ago. Counts (by recording time).
    await user('lou', null);
    await achieved('u:lou', 'first', 1, 20);
    // Last digest 30 days ago, a teammate's achievement 12 days ago: in her window, though older than a week.
    await user('max', 'umbrella');
    await user('ned', 'umbrella');
    await digested('max', 30);
    await digested('ned', 8);
    await achieved('u:ned', 'first', 12);
    // No email trait: never due.
    await user('noemail', 'acme', false);
  }, 60_000);
  afterAll(() => s?.close());

  it.skipIf(skip)('due: own, account or teammate news in the window, by recording time, in subject order', async () => {
    const due = await readDueDigests(s.server, 'pk_digest', T0 - 7 * DAY, T0, 100);
    expect(due).toEqual([
      { subject: 'u:ann', accountId: 'acme', lastAt: null },
      { subject: 'u:bob', accountId: 'acme', lastAt: null },
      { subject: 'u:gil', accountId: 'globex', lastAt: null },
      { subject: 'u:lou', accountId: null, lastAt: null },
      { subject: 'u:max', accountId: 'umbrella', lastAt: T0 - 30 * DAY },
    ]);
    expect(await readDueDigests(s.server, 'pk_digest', T0 - 7 * DAY, T0, 2)).toHaveLength(2);
    // Three days earlier: what was recorded after that `now` is not yet news (ann's, gil's, lou's); max's window
    // (30 days) still holds ned's.
    expect(await readDueDigests(s.server, 'pk_digest', T0 - 10 * DAY, T0 - 3 * DAY, 100)).toEqual([
      { subject: 'u:max', accountId: 'umbrella', lastAt: T0 - 30 * DAY },
    ]);
  });

  it.skipIf(skip)(
    "a window's activity: own milestones, and the team's counted once per account and start",
    async () => {
      const since = T0 - 7 * DAY;
      const activity = await readDigestActivity(
        s.server,
        'pk_digest',
        [
          { subject: 'u:ann', accountId: 'acme', since },
          { subject: 'u:bob', accountId: 'acme', since },
          { subject: 'u:gil', accountId: 'globex', since },
          { subject: 'u:max', accountId: 'umbrella', since: T0 - 30 * DAY },
        ],
        T0,
      );
      expect(activity.own).toEqual(new Map([['u:ann', new Set(['first'])]]));
      expect(activity.team).toEqual(
        new Map([
          [teamKey('acme', since), { account: new Set(), users: new Map([['first', 1]]) }],
          [teamKey('globex', since), { account: new Set(['team_goal']), users: new Map() }],
          [teamKey('umbrella', T0 - 30 * DAY), { account: new Set(), users: new Map([['first', 1]]) }],
        ]),
      );
    },
  );
});
