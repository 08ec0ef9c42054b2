import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCliConfig } from '../src/cli/readCliConfig';
import { readConfig } from '../src/config/readConfig';
import type { Definitions } from '../src/config/types';
import { unsubscribeUrl } from '../src/email/unsubscribeLink';
import {
  captureLog,
  DAY,
  databases,
  IDENTITY_SECRET,
  many,
  SECRET,
  startTestServer,
  T0,
  type TestServer,
  token,
  wire,
} from './helpers';
import { type Received, startSmtp, type TestSmtp } from './smtp.helpers';

const HOUR = 36e5;

const emailDefinitions: Definitions = {
  milestones: [
    {
      id: 'first-project',
      title: 'First project',
      description: 'Teams that start a project in week one stay longer.',
      rule: { event: 'project_created' },
      email: true,
      badge: { name: 'Builder', icon: '🏗️' },
    },
    {
      id: 'ten-tasks',
      title: 'Ten <tasks> & "more"',
      rule: { event: 'task_completed', count: 10 },
      email: true,
      value: { per: 10, unit: 'minutes', rate: 30, currency: 'USD' },
    },
    {
      id: 'quiet-one',
      title: 'Read a report',
      rule: { event: 'report_viewed' },
      next: { label: 'Open reports', href: '/reports' },
    },
    {
      id: 'exporter',
      title: 'First export',
      rule: { event: 'export_done' },
      email: true,
      next: { label: 'Export', href: '/export' },
    },
    {
      id: 'team-five',
      title: 'Team: five tasks',
      rule: { event: 'task_completed', count: 5 },
      scope: 'account',
      email: true,
      value: { per: 10, unit: 'minutes' },
    },
  ],
  levels: [{ id: 'getting-started', title: 'Getting started', milestones: ['first-project', 'ten-tasks'] }],
};

const header = (r: Received, name: string) => {
  const line = r.mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n\s+/g, ' ')
    .trim();
};
const unsubscribeOf = (r: Received) => /^<(.+)>$/.exec(header(r, 'List-Unsubscribe') ?? '')![1];
const subjects = (list: Received[]) => list.map((r) => r.mail.subject);

describe.each(databases)('email on $name', ({ url, skip }) => {
  let s: TestServer;
  let smtp: TestSmtp;
  const log = captureLog();
  /** Sends each user's events in a batch of their own, with that user's token (a token proves one user). */
  const post = async (events: Record<string, unknown>[]) => {
    const byUser = new Map<string, Record<string, unknown>[]>();
    for (const e of events) byUser.set(String(e.userId), [...(byUser.get(String(e.userId)) ?? []), e]);
    for (const [userId, batch] of byUser) {
      const res = await s.post({ projectKey: 'pk_test', userToken: await token(userId), events: batch });
      expect(res.status).toBe(200);
    }
    await s.server.idle();
  };
  const user = (userId: string, over: Record<string, unknown> = {}) =>
    wire({ userId, anonymousId: `d-${userId}`, ...over });
  const identify = (userId: string, traits: Record<string, unknown>, accountId?: string) =>
    user(userId, { type: 'identify', name: undefined, properties: traits, ...(accountId && { accountId }) });
  const emailRows = () =>
    s.server.db.query(`select reason, address, status, kind, last_error from waymark_emails order by id`);
  const run = async () => {
    const res = await s.admin('POST', '/v1/admin/scheduled/run');
    expect(res.status).toBe(200);
    await s.server.idle();
    return res.body.tasks.digests;
  };

  beforeAll(async () => {
    if (skip) return;
    smtp = await startSmtp();
    s = await startTestServer(
      url,
      {
        definitions: emailDefinitions,
        identitySecrets: [IDENTITY_SECRET],
        identity: 'optional',
        email: { smtp: smtp.url, from: 'Acme <hello@acme.example>', appUrl: 'https://app.acme.example' },
      },
      { scheduleEvery: 0, logLevel: 'trace', logStream: log.stream },
    );
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await smtp?.stop();
  });

  it.skipIf(skip)(
    'a celebration for each milestone marked "email": HTML and text, ROI line, escaped titles, unsubscribe headers',
    async () => {
      await post([
        identify('dana', { email: ' Dana@Acme.example ', plan: 'pro' }),
        user('dana', { name: 'project_created' }),
        ...many(10, () => ({ userId: 'dana', anonymousId: 'd-dana' })),
      ]);
      const mails = await smtp.waitFor(2);
      await s.server.idle();
      // Two milestones marked "email", two emails.
      expect(smtp.to('dana@acme.example')).toHaveLength(2);
      expect(smtp.received).toHaveLength(2);
      const first = mails.find((m) => m.mail.subject?.includes('First project'))!;
      const tasks = mails.find((m) => m.mail.subject?.includes('Ten'))!;
      expect(first.mail.subject).toBe('🏗️ Milestone reached: First project');
      expect(first.mail.from?.value[0]).toEqual({ address: 'hello@acme.example', name: 'Acme' });
      expect(first.from).toBe('hello@acme.example');
      for (const m of [first, tasks]) {
        expect(m.mail.text).toBeTruthy();
        expect(m.mail.html).toBeTruthy();
        const link = unsubscribeOf(m);
        expect(link.startsWith(`${s.url}/v1/email/unsubscribe?`)).toBe(true);
        expect(header(m, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
        expect(m.mail.text).toContain(link);
        expect(m.mail.html).toContain(link.replace(/&/g, '&amp;'));
        expect(m.mail.messageId).toMatch(/^<waymark\.celebration\.[0-9a-f]{24}@acme\.example>$/);
      }
      expect(first.mail.text).toContain('Teams that start a project in week one stay longer.');
      expect(first.mail.text).toContain('You earned the Builder badge');
      // ROI: 10 tasks × 10 minutes at $30/h.
      expect(tasks.mail.text).toContain('≈ 1.7 hours saved · $50');
      expect(tasks.mail.html).toContain('≈ 1.7 hours saved · $50');
      expect(first.mail.text).not.toContain('saved');
      // A title with markup is text in the HTML, never markup.
      expect(tasks.mail.html).toContain('Ten &lt;tasks&gt; &amp; &quot;more&quot;');
      expect(tasks.mail.html).not.toContain('<tasks>');
      expect(tasks.mail.subject).toBe('🎉 Milestone reached: Ten <tasks> & "more"');
      // The call to action: the next milestone's step, resolved against appUrl.
      expect(tasks.mail.text).toContain('Open reports: https://app.acme.example/reports');
    },
  );

  it.skipIf(skip)(
    "a team milestone is announced to the account's users with an email address, and only to them",
    async () => {
      await post([
        user('dana', { type: 'group', name: undefined, accountId: 'acme', properties: { name: 'Acme <Corp>' } }),
        identify('eli', { email: 'eli@acme.example' }, 'acme'),
        identify('fay', { plan: 'pro' }, 'acme'),
        identify('outsider', { email: 'out@other.example' }, 'other'),
      ]);
      const before = smtp.received.length;
      await post(many(5, () => ({ userId: 'fay', anonymousId: 'd-fay', accountId: 'acme' })));
      await smtp.waitFor(before + 2);
      await s.server.idle();
      const team = smtp.received.slice(before);
      expect(team.map((r) => r.to).sort()).toEqual([['dana@acme.example'], ['eli@acme.example']]);
      for (const r of team) {
        expect(r.mail.subject).toBe('🙌 Acme <Corp> reached a milestone: Team: five tasks');
        expect(r.mail.text).toContain('Acme <Corp> just reached “Team: five tasks”');
        expect(r.mail.text).toContain('Together: ≈ 50 minutes saved');
        expect(r.mail.html).toContain('Acme &lt;Corp&gt;');
        expect(r.mail.html).not.toContain('<Corp>');
        expect(header(r, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
        expect(r.mail.messageId).toMatch(/^<waymark\.team\./);
      }
      // Each recipient's link is their own.
      expect(unsubscribeOf(team[0])).not.toBe(unsubscribeOf(team[1]));
    },
  );

  it.skipIf(skip)(
    'the weekly digest: to whoever (or whose team) achieved something, at most once in 7 days, none with nothing to say',
    async () => {
      const before = smtp.received.length;
      s.clock.now = T0 + HOUR;
      expect(await run()).toEqual({ digests: 2, users: 2 });
      await smtp.waitFor(before + 2);
      const [dana] = smtp.to('dana@acme.example').filter((r) => r.mail.messageId?.includes('.digest.'));
      const [eli] = smtp.to('eli@acme.example').filter((r) => r.mail.messageId?.includes('.digest.'));
      expect(dana.mail.subject).toBe('This week you ✅ First project and 1 more');
      // Run on Monday Nov 2 at 10:00: the week before it, Monday to Sunday (7 days, not to Nov 2).
      expect(dana.mail.text).toContain('YOUR WEEK IN ACME · OCT 26 – NOV 1\n');
      expect(dana.mail.html).toContain('>Your week in Acme · Oct 26 – Nov 1<');
      expect(eli.mail.text).toContain('YOUR WEEK IN ACME · OCT 26 – NOV 1\n');
      expect(dana.mail.text).toContain('✅ First project');
      expect(dana.mail.text).toContain('≈ 1.7 hours saved · $50');
      expect(dana.mail.text).toContain('Acme <Corp>, your team');
      expect(dana.mail.text).toContain('Team: five tasks');
      expect(dana.mail.html).toContain('Ten &lt;tasks&gt;');
      expect(header(dana, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      // Eli reached nothing himself: the team's week is his news (the account's milestone, and Dana's two, counted).
      expect(eli.mail.subject).toBe('This week your team ✅ Team: five tasks and 2 more');
      expect(eli.mail.text).toContain('Team: five tasks');
      expect(eli.mail.text).toContain('👏 First project\n   1 teammate reached it');
      expect(eli.mail.text).not.toMatch(/dana/i);
      // Run again at once, and the next days: nobody's last digest is 7 days old.
      expect(await run()).toEqual({ digests: 0, users: 0 });
      s.clock.now = T0 + 3 * DAY;
      // "Read a report" is not marked "email": no celebration for it.
      await post([user('dana', { name: 'report_viewed', timestamp: new Date(T0 + 3 * DAY).toISOString() })]);
      expect(await run()).toEqual({ digests: 0, users: 0 });
      expect(smtp.received).toHaveLength(before + 2);
      // Seven days after the last one: Dana read a report (hers); Eli's teammate did (counted, not named).
      s.clock.now = T0 + 7 * DAY + HOUR;
      expect(await run()).toEqual({ digests: 2, users: 2 });
      await smtp.waitFor(before + 4);
      const danaWeek2 = smtp.to('dana@acme.example').at(-1)!;
      expect(danaWeek2.mail.subject).toBe('This week you ✅ Read a report');
      // The next week starts where the first ended: no day in two digests.
      expect(danaWeek2.mail.text).toContain('YOUR WEEK IN ACME · NOV 2 – NOV 8\n');
      const eliWeek2 = smtp.to('eli@acme.example').at(-1)!;
      expect(eliWeek2.mail.text).toContain('1 teammate reached it');
      expect(eliWeek2.mail.text).not.toContain('dana');
      // A week later with nothing new: nothing to say, no email.
      s.clock.now = T0 + 15 * DAY;
      expect(await run()).toEqual({ digests: 0, users: 0 });
      await s.server.idle();
      expect(smtp.received).toHaveLength(before + 4);
      // Fay has no email trait, the outsider's account reached nothing: neither got any email.
      expect(smtp.received.flatMap((r) => r.to).filter((a) => !a.endsWith('@acme.example'))).toEqual([]);
    },
  );

  it.skipIf(skip)('a tampered unsubscribe link is refused with a 400 and changes nothing', async () => {
    const link = new URL(unsubscribeOf(smtp.to('dana@acme.example')[0]));
    const variant = (change: (q: URLSearchParams) => void) => {
      const u = new URL(link);
      change(u.searchParams);
      return u.href;
    };
    const bad = [
      variant((q) => q.set('a', Buffer.from('eli@acme.example').toString('base64url'))),
      variant((q) => q.set('s', q.get('s')!.slice(0, -2) + (q.get('s')!.endsWith('AA') ? 'BB' : 'AA'))),
      variant((q) => q.delete('s')),
      variant((q) => q.set('p', 'pk_other')),
      variant((q) => q.set('a', '%%%not-base64%%%')),
      variant((q) => q.append('s', 'again')),
    ];
    for (const href of bad) {
      for (const method of ['GET', 'POST']) {
        const res = await fetch(href, {
          method,
          ...(method === 'POST' && {
            body: 'List-Unsubscribe=One-Click',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          }),
        });
        expect(res.status, `${method} ${href}`).toBe(400);
        expect(await res.text()).toContain('This link doesn’t work');
      }
    }
    expect(await s.server.db.query(`select address from waymark_email_unsubscribes`)).toEqual([]);
  });

  it.skipIf(skip)(
    'one-click unsubscribe (RFC 8058): a GET only asks, a POST unsubscribes, then that address gets nothing more',
    async () => {
      const link = unsubscribeOf(smtp.to('dana@acme.example')[0]);
      const page = await fetch(link);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      const html = await page.text();
      expect(html).toContain('Unsubscribe from Acme emails?');
      expect(html).toContain('<form method="post"');
      expect(html).not.toContain('dana@acme.example');
      expect(html).not.toMatch(/<script|style=/);
      expect(await s.server.db.query(`select address from waymark_email_unsubscribes`)).toEqual([]);
      // What a mail provider sends: a POST of List-Unsubscribe=One-Click, no cookie, no token.
      const res = await fetch(link, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('You’re unsubscribed');
      expect(await s.server.db.query(`select address, reason from waymark_email_unsubscribes`)).toEqual([
        { address: 'dana@acme.example', reason: 'unsubscribed' },
      ]);
      // Twice is still fine, and the page now says so.
      expect((await fetch(link, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
      expect(await (await fetch(link)).text()).toContain('You’re unsubscribed');

      const before = smtp.received.length;
      const at = new Date(T0 + 15 * DAY).toISOString();
      await post([
        user('dana', { name: 'export_done', timestamp: at }),
        user('eli', { name: 'export_done', accountId: 'acme', timestamp: at }),
      ]);
      await smtp.waitFor(before + 1);
      await s.server.idle();
      expect(smtp.received.slice(before).map((r) => r.to)).toEqual([['eli@acme.example']]);
      s.clock.now = T0 + 23 * DAY;
      expect(await run()).toEqual({ digests: 1, users: 2 });
      await smtp.waitFor(before + 2);
      await s.server.idle();
      expect(smtp.received.slice(before).flatMap((r) => r.to)).toEqual(['eli@acme.example', 'eli@acme.example']);
      expect(
        (await emailRows()).filter((r) => r.address === 'dana@acme.example' && r.reason.includes('exporter')),
      ).toEqual([]);
    },
  );

  it.skipIf(skip)(
    'SMTP down: the emails wait and are retried; up again: each is sent once; one unsubscribed meanwhile is not sent',
    async () => {
      await smtp.stop();
      const before = smtp.received.length;
      const at = new Date(T0 + 23 * DAY).toISOString();
      await post([
        identify('gus', { email: 'gus@acme.example' }),
        identify('hal', { email: 'hal@acme.example' }),
        user('gus', { name: 'project_created', timestamp: at }),
        user('hal', { name: 'project_created', timestamp: at }),
      ]);
      // Both attempted and failed at least once.
      for (let i = 0; i < 200; i++) {
        const failed = (await emailRows()).filter((r) => r.last_error && /gus|hal/.test(r.reason));
        if (failed.length === 2) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      // By address: the two users' runs are verified side by side, so either email may be queued first.
      const byAddress = (a: Record<string, string>, b: Record<string, string>) => a.address.localeCompare(b.address);
      const waiting = (await emailRows()).filter((r) => /gus|hal/.test(r.reason)).sort(byAddress);
      expect(waiting.map((r) => [r.address, r.status])).toEqual([
        ['gus@acme.example', 'queued'],
        ['hal@acme.example', 'queued'],
      ]);
      expect(waiting.every((r) => /ECONNECTION|ECONNREFUSED/.test(r.last_error))).toBe(true);
      // The SMTP server's error is logged, never the address.
      expect(log.text()).toContain('will retry');
      // Hal unsubscribes from an earlier email's link while it is down.
      const [{ secret }] = await s.server.db.query(
        `select secret from waymark_email_secrets where project_key = 'pk_test'`,
      );
      const link = unsubscribeUrl(s.url, Buffer.from(secret, 'base64url'), 'pk_test', 'hal@acme.example');
      expect((await fetch(link, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
      await smtp.start();
      await smtp.waitFor(before + 1);
      await s.server.idle();
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.received.slice(before).map((r) => r.to)).toEqual([['gus@acme.example']]);
      const rows = (await emailRows()).filter((r) => /gus|hal/.test(r.reason)).sort(byAddress);
      expect(rows.map((r) => [r.address, r.status])).toEqual([
        ['gus@acme.example', 'sent'],
        ['hal@acme.example', 'suppressed'],
      ]);
    },
    60_000,
  );

  it.skipIf(skip)(
    'a recipient refused for good (5xx) is given up on; one refused for now (4xx) is retried until it is taken',
    async () => {
      smtp.refuse.set('gone@acme.example', 550);
      smtp.refuse.set('busy@acme.example', 451);
      const before = smtp.received.length;
      const at = new Date(T0 + 23 * DAY).toISOString();
      await post([
        identify('gone', { email: 'gone@acme.example' }),
        identify('busy', { email: 'busy@acme.example' }),
        user('gone', { name: 'project_created', timestamp: at }),
        user('busy', { name: 'project_created', timestamp: at }),
      ]);
      const row = async (address: string) => (await emailRows()).find((r) => r.address === address)!;
      for (
        let i = 0;
        i < 200 &&
        !((await row('busy@acme.example')).last_error && (await row('gone@acme.example')).status === 'failed');
        i++
      )
        await new Promise((r) => setTimeout(r, 100));
      expect(await row('gone@acme.example')).toMatchObject({
        status: 'failed',
        last_error: expect.stringContaining('550'),
      });
      expect(await row('busy@acme.example')).toMatchObject({
        status: 'queued',
        last_error: expect.stringContaining('451'),
      });
      // The SMTP server's reply quotes the recipient; what is kept and logged does not.
      expect((await row('gone@acme.example')).last_error).not.toContain('gone@');
      expect(
        await s.server.db.query(`select reason from waymark_email_unsubscribes where address = 'gone@acme.example'`),
      ).toEqual([{ reason: 'bounced' }]);
      smtp.refuse.delete('busy@acme.example');
      await smtp.waitFor(before + 1);
      await s.server.idle();
      expect(smtp.received.slice(before).map((r) => r.to)).toEqual([['busy@acme.example']]);
      expect(await row('busy@acme.example')).toMatchObject({ status: 'sent' });
    },
    60_000,
  );

  it.skipIf(skip)(
    'never twice for one reason: the same achievement published again (a job re-run) mails nobody again',
    async () => {
      const before = smtp.received.length;
      const n = {
        type: 'milestone.achieved' as const,
        projectKey: 'pk_test',
        at: T0 + 23 * DAY,
        userId: 'gus',
        milestoneId: 'first-project',
        key: 'milestone.achieved:u:gus:first-project',
      };
      for (let i = 0; i < 2; i++) await s.server.db.transaction((query) => s.server.notifier.publish(query, n));
      const team = {
        type: 'milestone.achieved' as const,
        projectKey: 'pk_test',
        at: T0,
        accountId: 'acme',
        milestoneId: 'team-five',
        key: 'milestone.achieved:c:acme:team-five',
      };
      await s.server.db.transaction((query) => s.server.notifier.publish(query, team));
      // Definitions edited: every subject is evaluated again; achievements stand, nothing is announced again.
      expect((await s.admin('PUT', '/v1/admin/definitions', { ...emailDefinitions, levels: [] })).status).toBe(200);
      await s.server.idle();
      await new Promise((r) => setTimeout(r, 300));
      await s.server.idle();
      expect(smtp.received.length).toBe(before);
      // Gus's first digest (Hal unsubscribed); the scheduled run again at the same time: nobody is due.
      // (Gone's mailbox bounced: suppressed.)
      s.clock.now = T0 + 23 * DAY;
      expect(await run()).toEqual({ digests: 2, users: 4 });
      expect(await run()).toEqual({ digests: 0, users: 0 });
      await smtp.waitFor(before + 2);
      await new Promise((r) => setTimeout(r, 300));
      await s.server.idle();
      expect(subjects(smtp.to('gus@acme.example'))).toEqual([
        '🏗️ Milestone reached: First project',
        'This week you ✅ First project',
      ]);
      expect(
        smtp.received
          .slice(before)
          .flatMap((r) => r.to)
          .sort(),
      ).toEqual(['busy@acme.example', 'gus@acme.example']);
    },
  );

  it.skipIf(skip)(
    "erasing a user deletes the emails made for them; the log never holds an address or an email's words",
    async () => {
      expect((await emailRows()).some((r) => r.address === 'gus@acme.example')).toBe(true);
      expect((await s.admin('DELETE', '/v1/admin/users/gus')).status).toBe(200);
      expect((await emailRows()).some((r) => r.address === 'gus@acme.example')).toBe(false);
      const text = log.text();
      expect(text.length).toBeGreaterThan(1000);
      for (const secret of [
        'acme.example',
        'Dana',
        'Milestone reached',
        'First project',
        'Acme <Corp>',
        '?p=',
        'List-Unsubscribe',
      ])
        expect(text, secret).not.toContain(secret);
    },
  );

  it.skipIf(skip)("mails only an address a token vouched for: a browser's claim picks no recipient", async () => {
    const before = smtp.received.length;
    const at = (minutesAgo: number) => new Date(s.clock.now - minutesAgo * 60_000).toISOString();
    // Ivy, proven by her token, gives her address.
    await post([identify('ivy', { email: 'ivy@acme.example' }), user('ivy', { name: 'task_added', timestamp: at(4) })]);
    // Without a token ('optional' stores the events all the same): a made-up user with someone else's address, and an
    // identify in Ivy's name that would send her mail elsewhere.
    const claims = await s.post({
      projectKey: 'pk_test',
      events: [
        identify('mallory', { email: 'victim@else.example', plan: 'pro' }),
        user('mallory', { name: 'project_created' }),
        user('ivy', {
          type: 'identify',
          name: undefined,
          properties: { email: 'victim@else.example' },
          timestamp: at(3),
        }),
      ],
    });
    expect(claims.status).toBe(200);
    await s.server.idle();
    // Ivy's own achievement, after the forged identify.
    await post([user('ivy', { name: 'project_created', timestamp: at(2) })]);
    await smtp.waitFor(before + 1);
    await s.server.idle();
    expect(smtp.received.slice(before).map((r) => r.to)).toEqual([['ivy@acme.example']]);
    expect(smtp.to('victim@else.example')).toEqual([]);
    // What the claims said is kept, except the address.
    const traits = async (userId: string) =>
      (
        await s.server.db.query(`select doc -> 'traits' as traits from waymark_subjects where subject = $1`, [
          `u:${userId}`,
        ])
      )[0].traits;
    expect(await traits('mallory')).toEqual({ plan: 'pro' });
    expect((await traits('ivy')).email).toBe('ivy@acme.example');
  });
});

describe('email configuration', () => {
  it("the README's email config works when pasted (with the environment it names)", async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Email'));
    const json = section.slice(section.indexOf('```json') + 7, section.indexOf('```', section.indexOf('```json') + 7));
    const dir = mkdtempSync(join(tmpdir(), 'waymark-email-readme-'));
    writeFileSync(join(dir, 'waymark.config.json'), json);
    writeFileSync(join(dir, 'milestones.json'), JSON.stringify(emailDefinitions));
    const env = {
      SMTP_URL: /SMTP_URL=(\S+)/.exec(section)![1],
      WAYMARK_SECRET_KEY: 'sk_readme_0123456789abcdef',
      WAYMARK_IDENTITY_SECRET: 'readme-identity-secret-0123456789-abcdef',
    };
    const { config } = readCliConfig(['--config', join(dir, 'waymark.config.json')], env);
    const project = readConfig(config).projects[0];
    expect(project.publicUrl).toBe('https://waymark.acme.example');
    expect(project.email).toEqual({
      smtp: 'smtp://user:password@smtp.example.com:587',
      from: 'Acme <hello@acme.example>',
      brand: 'Acme',
      appUrl: 'https://app.acme.example',
      digest: true,
    });
  });

  it('warns at start when links would not be https, except for a loopback publicUrl (a local mail catcher)', async () => {
    const warned = async (publicUrl?: string) => {
      const log = captureLog();
      const s = await startTestServer(
        undefined,
        {
          ...(publicUrl && { publicUrl }),
          identitySecrets: [IDENTITY_SECRET],
          email: { smtp: 'smtp://127.0.0.1:2525', from: 'Acme <hello@acme.example>' },
        },
        { logLevel: 'warn', logStream: log.stream },
      );
      await s.close();
      return log.text().includes('email: set publicUrl to an https address');
    };
    expect(await warned()).toBe(true);
    expect(await warned('http://waymark.acme.example')).toBe(true);
    expect(await warned('http://127.0.0.1.example.com')).toBe(true);
    expect(await warned('https://waymark.acme.example')).toBe(false);
    expect(await warned('http://127.0.0.1:5173')).toBe(false);
    expect(await warned('http://localhost:8787/')).toBe(false);
  }, 60_000);

  // What a user might write, whatever its type.
  const project = (email: unknown) => ({
    projects: [{ key: 'pk_x', secretKey: SECRET, identitySecrets: [IDENTITY_SECRET], email: email as never }],
  });

  it('is refused at start with the path of each problem', () => {
    expect(() =>
      readConfig(
        project({ smtp: 'http://mail.example', from: 'nobody', digest: 'weekly', appUrl: 'ftp://x', sendgrid: true }),
      ),
    ).toThrow(
      expect.objectContaining({
        issues: [
          { path: 'projects[0].email.smtp', message: expect.stringContaining('SMTP URL') },
          { path: 'projects[0].email.from', message: expect.stringContaining('one sender') },
          { path: 'projects[0].email.appUrl', message: expect.stringContaining('http(s) URL') },
          { path: 'projects[0].email.digest', message: 'expected true or false' },
          { path: 'projects[0].email.sendgrid', message: expect.stringContaining('unknown setting') },
        ],
      }),
    );
    expect(() => readConfig(project('smtp://localhost'))).toThrow(/projects\[0\]\.email: expected/);
    // Without identity secrets no address is vouched for: refused, rather than mailing nobody (or anybody).
    expect(() =>
      readConfig({
        projects: [{ key: 'pk_x', secretKey: SECRET, email: { smtp: 'smtp://localhost:25', from: 'hi@x.example' } }],
      }),
    ).toThrow(
      /projects\[0\]\.email: needs identitySecrets \(a random secret of 32 characters or more, the one your backend signs user tokens with\)/,
    );
    expect(() => readConfig(project({ smtp: 'smtp://localhost:25', from: 'a@x.example, b@y.example' }))).toThrow(
      /email\.from/,
    );
  });

  it('fills in the defaults: the brand from the sender, the app from the first origin, the digest on', () => {
    const config = readConfig({
      projects: [
        {
          key: 'pk_x',
          secretKey: SECRET,
          origins: ['https://app.acme.example'],
          identitySecrets: [IDENTITY_SECRET],
          email: { smtp: 'smtps://u:p@smtp.acme.example:465', from: 'Acme <hello@acme.example>' },
        },
      ],
    });
    expect(config.projects[0].email).toEqual({
      smtp: 'smtps://u:p@smtp.acme.example:465',
      from: 'Acme <hello@acme.example>',
      brand: 'Acme',
      appUrl: 'https://app.acme.example',
      digest: true,
    });
  });
});
