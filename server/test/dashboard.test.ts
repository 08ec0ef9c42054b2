import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerContext } from '../src/context';
import { accountsCsv } from '../src/dashboard/accountsCsv';
import { accountsHref, readAccountsQuery } from '../src/dashboard/accountsQuery';
import type { DashboardData } from '../src/dashboard/dashboardData';
import { dateTime } from '../src/dashboard/format';
import { headlines } from '../src/dashboard/headlines';
import { readAccountFirings } from '../src/dashboard/readAccountFirings';
import { readCohortTrend } from '../src/dashboard/readCohortTrend';
import { DAY, databases, SECRET, startTestServer, T0, type TestServer, token, wire } from './helpers';
import { newSecret, startReceiver } from './receiver';

// The dashboard over HTTP, as a browser without JavaScript sees it: sign-in, the session cookie, CSRF, the headers.
// What only a browser shows (charts, CSP reports, axe) is in server/test/browser/dashboard.test.ts.

/** A tiny cookie jar: the Set-Cookie values a browser would keep. */
const jar = () => {
  const cookies = new Map<string, string>();
  return {
    keep(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const [name, value] = pair!.split('=');
        if (value) cookies.set(name!, value);
        else cookies.delete(name!);
      }
    },
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    get: (name: string) => cookies.get(name),
  };
};

const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** A browser without JavaScript on the dashboard of the test server `server()`: plain GETs, form POSTs, sign-in. */
const browse = (server: () => TestServer) => {
  const get = (path: string, cookies = '') =>
    fetch(`${server().url}${path}`, { headers: cookies ? { cookie: cookies } : {}, redirect: 'manual' });
  const form = (path: string, fields: Record<string, string>, cookies: string) =>
    fetch(`${server().url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
  /** Opens the sign-in form and posts `secret` with its CSRF token. */
  const signIn = async (secret: string) => {
    const cookies = jar();
    const page = await get('/dashboard');
    cookies.keep(page);
    const csrf = csrfIn(await page.text());
    const res = await form('/dashboard/sign-in', { _csrf: csrf!, secret }, cookies.header());
    cookies.keep(res);
    return { res, cookies, body: await res.text() };
  };
  return { get, form, signIn };
};

describe.each(databases)('dashboard on $name', ({ url, skip }) => {
  describe.skipIf(skip)('over HTTP', () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer(url, {
        identitySecrets: ['identity-secret-0123456789-abcdefghij'],
        identity: 'optional',
      });
    }, 120_000);
    afterAll(async () => {
      await s?.close();
    });

    const { get, form, signIn } = browse(() => s);

    it('opens on a sign-in form with a password field, under a strict CSP', async () => {
      const res = await get('/dashboard');
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('type="password"');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/); // no inline script
      expect(html).not.toMatch(/ style="/); // no inline style
    });

    it('a wrong key shows an error and no data, and sets no session', async () => {
      const { res, cookies, body } = await signIn('sk_wrong_0123456789abcdef');
      expect(res.status).toBe(401);
      expect(body).toContain("doesn't open a project");
      expect(cookies.get('waymark_session')).toBeUndefined();
      expect((await get('/dashboard/overview', cookies.header())).status).toBe(303);
    });

    it('the right key opens a session in an HttpOnly, SameSite=Strict cookie that is not the key', async () => {
      const { res, cookies } = await signIn(SECRET);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/dashboard/overview');
      const line = res.headers.getSetCookie().find((c) => c.startsWith('waymark_session='))!;
      expect(line).toMatch(/HttpOnly/i);
      expect(line).toMatch(/SameSite=Strict/i);
      expect(line).not.toContain(SECRET);
      const session = cookies.get('waymark_session')!;
      expect(session.length).toBeGreaterThan(30);
      // Only a hash of the session id is stored.
      const rows = await s.server.db.query('select id_hash from waymark_dashboard_sessions');
      expect(rows.map((r) => r.id_hash)).not.toContain(session);
      const overview = await get('/dashboard/overview', cookies.header());
      expect(overview.status).toBe(200);
      const html = await overview.text();
      expect(html).toContain('Overview');
      // When the figures were computed: the server's clock, as a small project's are computed on every visit.
      expect(html).toContain(`Figures as of ${dateTime(s.clock.now)}`);
    });

    it('refuses a POST without its CSRF token (no sign-in, no sign-out)', async () => {
      const cookies = jar();
      cookies.keep(await get('/dashboard'));
      const res = await form('/dashboard/sign-in', { secret: SECRET }, cookies.header());
      expect(res.status).toBe(403);
      expect(res.headers.getSetCookie().some((c) => c.startsWith('waymark_session='))).toBe(false);

      const signedIn = await signIn(SECRET);
      const out = await form('/dashboard/sign-out', { _csrf: 'forged' }, signedIn.cookies.header());
      expect(out.status).toBe(403);
      expect((await get('/dashboard/overview', signedIn.cookies.header())).status).toBe(200);
    });

    it('sign-out ends the session for good', async () => {
      const { cookies } = await signIn(SECRET);
      const before = cookies.header();
      const page = await get('/dashboard/overview', before);
      const out = await form('/dashboard/sign-out', { _csrf: csrfIn(await page.text())! }, before);
      expect(out.status).toBe(303);
      // The old cookie, replayed, opens nothing.
      expect((await get('/dashboard/overview', before)).status).toBe(303);
      expect((await get('/dashboard/accounts', before)).headers.get('location')).toBe('/dashboard');
    });

    it('every page needs the session; an unknown account is a 404 page, not a 500', async () => {
      for (const path of [
        '/dashboard/overview',
        '/dashboard/accounts',
        '/dashboard/accounts.csv',
        '/dashboard/webhooks',
        '/dashboard/accounts/acct_1',
      ])
        expect((await get(path)).status, path).toBe(303);
      const { cookies } = await signIn(SECRET);
      expect((await get('/dashboard/accounts/nobody', cookies.header())).status).toBe(404);
      expect([404, 414]).toContain((await get(`/dashboard/accounts/${'x'.repeat(300)}`, cookies.header())).status);
      expect((await get('/dashboard/accounts?sort=bogus&status=nope&cursor=garbage', cookies.header())).status).toBe(
        200,
      );
    });

    it('an account page shows its users and their verified milestones', async () => {
      const t = await token('ann', 'acct_1');
      await s.post({
        projectKey: 'pk_test',
        userToken: t,
        events: [wire({ userId: 'ann', accountId: 'acct_1', name: 'project_created' })],
      });
      await s.server.idle();
      s.clock.now = T0 + DAY;
      const { cookies } = await signIn(SECRET);
      const res = await get('/dashboard/accounts/acct_1', cookies.header());
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('ann');
      expect(html).toMatch(/achieved/);
    });

    it("the overview's account lists say which date they show: the last achievement, not the last activity", async () => {
      // acct_1's achievement above, then 40 quiet days: the account is stalled, at the top of "At risk".
      s.clock.now = T0 + 40 * DAY;
      const { cookies } = await signIn(SECRET);
      const html = await (await get('/dashboard/overview', cookies.header())).text();
      const item = /<li><a href="\/dashboard\/accounts\/acct_1">[\s\S]*?<\/li>/.exec(html)?.[0];
      expect(item).toContain('last achieved 40 days ago');
      s.clock.now = T0 + DAY;
    });

    it('a start week whose users have not all had the activation window yet says "so far", and is charted apart', async () => {
      const { cookies } = await signIn(SECRET);
      const rowOf = (html: string) =>
        /<td>\d{4}-\d\d-\d\d<\/td><td class="num">\d+<\/td><td class="num">([^<]*)<\/td>/.exec(html)?.[1];
      const pointsOf = (html: string) =>
        JSON.parse(/data-points="([^"]*)"/.exec(html)![1]!.replaceAll('&quot;', '"')) as Record<string, unknown[]>;
      // acct_1's user started a day ago: the week is still filling.
      const young = await (await get('/dashboard/overview?range=all', cookies.header())).text();
      expect(rowOf(young)).toBe('0% so far');
      expect(pointsOf(young)).toMatchObject({ activation: [null], filling: [0] });
      // Five weeks on, it has had its 14 days: a settled week, solid.
      s.clock.now = T0 + 35 * DAY;
      const settled = await (await get('/dashboard/overview?range=all', cookies.header())).text();
      s.clock.now = T0 + DAY;
      expect(rowOf(settled)).toBe('0%');
      expect(pointsOf(settled)).toMatchObject({ activation: [0], filling: [null] });
    });

    it("a start cohort's trend: its users' achievements within the horizon, one statement", async () => {
      // Written as verification leaves them, under a project of their own: five users who started in the period, one
      // before it, one merged into another user.
      const at = (days: number) => new Date(T0 - 100 * DAY + days * DAY).toISOString();
      const users: [string, number, string | null][] = [
        ['u:c1', 0, null],
        ['u:c2', 1, null],
        ['u:c3', 2, null],
        ['u:c4', 3, null],
        ['u:c5', 4, null],
        ['u:early', -5, null],
        ['u:merged', 1, 'u:c1'],
      ];
      for (const [subject, start, merged] of users)
        await s.server.db.query(
          `insert into waymark_subjects (project_key, subject, kind, started_at, last_event_at, merged_into) values ('pk_cohort', $1, 'user', $2, $2, $3)`,
          [subject, at(start), merged],
        );
      // [subject, milestone, days after its start]: c4's 'b' comes after the 30-day horizon.
      const won: [string, string, number][] = [
        ['u:c1', 'a', 1],
        ['u:c2', 'a', 2],
        ['u:c3', 'a', 6],
        ['u:c4', 'b', 31],
        ['u:c5', 'b', 10],
        ['u:early', 'a', 1],
      ];
      const starts = Object.fromEntries(users.map(([subject, start]) => [subject, start]));
      for (const [subject, milestone, after] of won)
        await s.server.db.query(
          `insert into waymark_achievements (project_key, subject, milestone_id, achieved_at, definitions_version, recorded_at) values ('pk_cohort', $1, $2, $3, 1, $3)`,
          [subject, milestone, at(starts[subject]! + after)],
        );
      const ctx = { db: s.server.db } as unknown as ServerContext;
      const period = { from: T0 - 100 * DAY, to: T0 - 90 * DAY };
      expect(await readCohortTrend(ctx, 'pk_cohort', period, 30)).toEqual({
        users: 5,
        milestones: { a: { rate: 0.6, medianDays: 2 }, b: { rate: 0.2, medianDays: 10 } },
      });
      expect(await readCohortTrend(ctx, 'pk_cohort', { from: T0, to: T0 + DAY }, 30)).toEqual({
        users: 0,
        milestones: {},
      });
    });

    it("an account's firings: its own and its users', the latest first, no other account's", async () => {
      const at = (days: number) => new Date(T0 - days * DAY).toISOString();
      for (const [subject, account] of [
        ['u:f1', 'acct-f'],
        ['u:f2', 'acct-f'],
        ['u:g1', 'acct-g'],
      ])
        await s.server.db.query(
          `insert into waymark_subjects (project_key, subject, kind, started_at, last_event_at, account_id) values ('pk_fires', $1, 'user', $2, $2, $3)`,
          [subject, at(30), account],
        );
      const fires: [string, string, number][] = [
        ['quiet', 'c:acct-f', 3],
        ['behind', 'u:f1', 1],
        ['behind', 'u:f2', 2],
        ['quiet', 'c:acct-g', 0],
        ['behind', 'u:g1', 0],
      ];
      for (const [trigger, subject, daysAgo] of fires)
        await s.server.db.query(
          `insert into waymark_trigger_fires (project_key, trigger_id, subject, period, fired_at) values ('pk_fires', $1, $2, 'p', $3)`,
          [trigger, subject, at(daysAgo)],
        );
      const ctx = { db: s.server.db } as unknown as ServerContext;
      expect(await readAccountFirings(ctx, 'pk_fires', 'acct-f')).toEqual([
        { triggerId: 'behind', userId: 'f1', firedAt: T0 - DAY },
        { triggerId: 'behind', userId: 'f2', firedAt: T0 - 2 * DAY },
        { triggerId: 'quiet', accountId: 'acct-f', firedAt: T0 - 3 * DAY },
      ]);
      expect(await readAccountFirings(ctx, 'pk_fires', 'acct-none')).toEqual([]);
    });
  });

  describe.skipIf(skip)('the delivery log, a page at a time', () => {
    let s: TestServer;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    const { get, signIn } = browse(() => s);
    /** The rows of a page's delivery log. */
    const rowsOf = (html: string) =>
      [...html.matchAll(/<tr><td>milestone\.achieved[\s\S]*?<\/tr>/g)].map((row) => row[0]);
    const olderOf = (html: string) => /<a class="button quiet" href="([^"]+)" rel="next">Older<\/a>/.exec(html)?.[1];

    beforeAll(async () => {
      // The endpoint fails: each delivery waits for a retry, so each row has a retry button.
      receiver = await startReceiver(() => 500);
      s = await startTestServer(
        url,
        {
          identitySecrets: ['identity-secret-0123456789-abcdefghij'],
          identity: 'optional',
          webhooks: [{ url: receiver.url('/in'), secret: newSecret(), events: ['milestone.achieved'] }],
        },
        { allowPrivateNetworks: true },
      );
      // 102 first projects, one delivery each: 60 in acct_big, 42 in acct_small.
      for (let i = 0; i < 102; i++) {
        const accountId = i < 60 ? 'acct_big' : 'acct_small';
        await s.post({
          projectKey: 'pk_test',
          userToken: await token(`u${i}`, accountId),
          events: [wire({ userId: `u${i}`, accountId, name: 'project_created' })],
        });
      }
      await s.server.idle();
    }, 180_000);
    afterAll(async () => {
      await s?.close();
      await receiver?.close();
    });

    it('shows the newest 100, then the older ones, and back to the newest', async () => {
      const { cookies } = await signIn(SECRET);
      const first = await (await get('/dashboard/webhooks', cookies.header())).text();
      expect(rowsOf(first)).toHaveLength(100);
      expect(first).toContain('<span class="button quiet disabled" aria-disabled="true">Newest</span>');
      const older = olderOf(first);
      expect(older).toMatch(/^\/dashboard\/webhooks\?before=\d+$/);
      const second = await (await get(older!.replaceAll('&amp;', '&'), cookies.header())).text();
      const rows = rowsOf(second);
      expect(rows).toHaveLength(2);
      // Every delivery once over the two pages: none repeated, none left out.
      const users = [...rowsOf(first), ...rows].map((row) => /· (u\d+)<\/div>/.exec(row)?.[1]);
      expect(new Set(users).size).toBe(102);
      expect(olderOf(second)).toBeUndefined();
      expect(second).toContain('<a class="button quiet" href="/dashboard/webhooks">Newest</a>');
      // A retry on the second page comes back to the second page.
      expect(second).toContain(`name="back" value="${older}"`);
    });

    it("an account page shows its 50 latest and links to all of them; the link lists that account's only", async () => {
      const { cookies } = await signIn(SECRET);
      const account = await (await get('/dashboard/accounts/acct_big', cookies.header())).text();
      expect(rowsOf(account)).toHaveLength(50);
      expect(account).toContain('The 50 latest.');
      const link = /<a href="([^"]+)">Every delivery for this account<\/a>/.exec(account)?.[1];
      expect(link).toBe('/dashboard/webhooks?accountId=acct_big');
      const all = await (await get(link!, cookies.header())).text();
      expect(rowsOf(all)).toHaveLength(60);
      expect(all).not.toContain('acct_small');
      expect(olderOf(all)).toBeUndefined();
      // Under 50: no link.
      const small = await (await get('/dashboard/accounts/acct_small', cookies.header())).text();
      expect(rowsOf(small)).toHaveLength(42);
      expect(small).not.toContain('Every delivery for this account');
    });

    it('an unknown status, account or page falls back to the newest of all, never an error', async () => {
      const { cookies } = await signIn(SECRET);
      for (const query of [
        '?before=garbage',
        '?before=-3',
        '?status=bogus',
        '?accountId=%00',
        `?accountId=${'x'.repeat(300)}`,
      ]) {
        const res = await get(`/dashboard/webhooks${query}`, cookies.header());
        expect(res.status, query).toBe(200);
        expect(rowsOf(await res.text()), query).toHaveLength(100);
      }
      const none = await (await get('/dashboard/webhooks?accountId=acct_none', cookies.header())).text();
      expect(none).toContain('No delivery yet for this account.');
    });
  });
});

describe('dashboard pieces', () => {
  it('reads the accounts URL with defaults for anything unknown, and writes it back', () => {
    const query = readAccountsQuery({
      status: ['stalled', 'bogus'],
      sort: 'users',
      order: 'sideways',
      search: '  acme ',
    });
    expect(query).toEqual({ status: ['stalled'], search: 'acme', sort: 'users', order: 'desc', limit: 50, offset: 0 });
    expect(accountsHref(query, { cursor: 'abc', offset: 50 })).toBe(
      '/dashboard/accounts?status=stalled&search=acme&sort=users&order=desc&cursor=abc&offset=50',
    );
    expect(readAccountsQuery({ offset: '100' }).offset).toBe(0); // an offset without its cursor means nothing
  });

  it('exports every page of accounts as CSV, defusing spreadsheet formulas', async () => {
    const rows = Array.from({ length: 1203 }, (_, i) => ({
      accountId: `acct_${i}`,
      users: 1,
      achieved: i,
      lastAchievedAt: null,
      status: 'on_track' as const,
    }));
    rows[0]!.accountId = '=HYPERLINK("x")';
    rows[1]!.accountId = 'a,b';
    const data = {
      accounts: async (_key: string, q: { cursor?: string; limit: number }) => {
        const start = q.cursor ? Number(q.cursor) : 0;
        const page = rows.slice(start, start + q.limit);
        return {
          accounts: page,
          total: rows.length,
          statuses: { on_track: rows.length, behind: 0, stalled: 0, expansion: 0 },
          ...(start + q.limit < rows.length && { next: String(start + q.limit) }),
        };
      },
    } as unknown as DashboardData;
    const csv = await accountsCsv(data, 'pk', readAccountsQuery({}));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1204);
    expect(lines[0]).toBe('account,status,users,achieved,last_achieved_at');
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")",on_track,1,0,`);
    expect(lines[2]).toBe('"a,b",on_track,1,1,');
    expect(lines[1203]).toBe('acct_1202,on_track,1,1202,');
  });

  it('says only what the numbers support', () => {
    const metric = (id: string, over: object) => ({
      id,
      title: id,
      eligible: 100,
      achieved: 50,
      rate: 0.5,
      medianDays: 4,
      p75Days: 8,
      ...over,
    });
    const now = {
      milestones: [metric('a', { retention: { achievers: 0.8, others: 0.3 } }), metric('b', {})],
      density: 1,
      cohorts: [],
      verified: { users: 1, events: 1 },
    };
    const trend = {
      days: 30,
      recent: { users: 40, milestones: { a: { rate: 0.5, medianDays: 3 }, b: { rate: 0.2, medianDays: 2 } } },
      earlier: { users: 50, milestones: { a: { rate: 0.4, medianDays: 6 }, b: { rate: 0.2, medianDays: 4 } } },
    };
    const lines = headlines(now, trend, {
      levelTitle: 'Getting started',
      users: 200,
      activated: 150,
      activatedWithin: 124,
      withinDays: 14,
    });
    expect(lines.map((l) => l.text)).toEqual([
      '62% of users complete Getting started within 14 days; 75% have by now',
      'Users who reach a stay active at 80%, against 30% for the others (2.7×)',
      'Milestone velocity is improving: users who started 30–60 days ago reach milestones 50% faster than those before them',
    ]);
    expect(lines.map((l) => l.tone)).toEqual(['neutral', 'good', 'good']);
    // The same share both ways is said once (it read "49% … within 14 days (49% so far)").
    expect(
      headlines(now, undefined, {
        levelTitle: 'Getting started',
        users: 200,
        activated: 98,
        activatedWithin: 98,
        withinDays: 14,
      })[0].text,
    ).toBe('49% of users complete Getting started within 14 days');
    // Too few users, no retention lift, a cohort under 20 users: nothing to say.
    const thin = { ...trend, earlier: { ...trend.earlier, users: 19 } };
    expect(
      headlines({ ...now, milestones: [metric('a', {})] }, thin, {
        levelTitle: 'x',
        users: 3,
        activated: 3,
        activatedWithin: 3,
        withinDays: 14,
      }),
    ).toEqual([]);
  });
});
