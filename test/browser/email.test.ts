import { mkdirSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Definitions, signUserToken, type WaymarkServer } from 'waymark-server';
import { type Received, startSmtp, type TestSmtp } from '../../server/test/smtp.helpers';
import { SHOTS } from './harness';

const DAY = 864e5;
const T0 = Date.UTC(2026, 10, 2, 9);
const SECRET = 'sk_test_0123456789abcdef';
const IDENTITY_SECRET = 'identity-secret-0123456789-abcdefghij';
let seq = 0;
const wire = (over: Record<string, unknown>) => ({
  id: `e${++seq}`,
  type: 'track',
  name: 'task_completed',
  timestamp: new Date(T0).toISOString(),
  ...over,
});
const many = (n: number, make: () => Record<string, unknown>) => Array.from({ length: n }, () => wire(make()));

// The three emails as a mail client shows them (Chromium renders the HTML part), at a desktop width and a phone's,
// light and dark, into artifacts/screenshots/ for people to look at; and the unsubscribe page under its own CSP.
const definitions: Definitions = {
  milestones: [
    {
      id: 'first-project',
      title: 'Create your first project',
      description: 'Teams that start a project in their first week are three times as likely to stay.',
      rule: { event: 'project_created' },
      email: true,
      badge: { name: 'Builder', icon: '🏗️' },
    },
    {
      id: 'ten-tasks',
      title: 'Complete 10 tasks',
      description: 'You are getting into the flow.',
      rule: { event: 'task_completed', count: 10 },
      email: true,
      value: { per: 10, unit: 'minutes', rate: 30, currency: 'USD' },
      badge: { name: 'Productive', icon: '🏅' },
    },
    {
      id: 'invite',
      title: 'Invite your team',
      rule: { event: 'member_invited' },
      next: { label: 'Invite a teammate', href: '/team' },
    },
    {
      id: 'team-fifty',
      title: 'Complete 20 tasks as a team',
      rule: { event: 'task_completed', count: 20 },
      scope: 'account',
      email: true,
      value: { per: 10, unit: 'minutes', rate: 30, currency: 'USD' },
      badge: { name: 'Team player', icon: '🤝' },
    },
  ],
  levels: [{ id: 'getting-started', title: 'Getting started', milestones: ['first-project', 'ten-tasks', 'invite'] }],
};

let server: WaymarkServer;
const clock = { now: T0 };
let smtp: TestSmtp;
let browser: Browser;
const mails: Record<'celebration' | 'team' | 'digest', Received> = {} as never;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  smtp = await startSmtp();
  // The built package (npm run test:browser builds first), as an app would run it.
  server = await createServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    rateLimit: false,
    scheduleEvery: 0,
    now: () => clock.now,
    projects: [
      {
        key: 'pk_test',
        secretKey: SECRET,
        definitions,
        // The server mails only an address that came with a valid token for its user.
        identitySecrets: [IDENTITY_SECRET],
        email: { smtp: smtp.url, from: 'Acme <hello@acme.example>', appUrl: 'https://app.acme.example' },
      },
    ],
  });
  const url = await server.listen();
  /** One batch per user, each with that user's token. */
  const post = async (events: Record<string, unknown>[]) => {
    for (const userId of new Set(events.map((e) => String(e.userId)))) {
      const res = await fetch(`${url}/v1/batch`, {
        method: 'POST',
        body: JSON.stringify({
          projectKey: 'pk_test',
          userToken: await signUserToken({ userId }, IDENTITY_SECRET),
          events: events.filter((e) => e.userId === userId),
        }),
      });
      expect(res.status).toBe(200);
    }
    await server.idle();
  };
  const at = (u: string) => ({ userId: u, anonymousId: `d-${u}`, accountId: 'globex' });
  await post([
    wire({ ...at('dana'), type: 'identify', name: undefined, properties: { email: 'dana@globex.example' } }),
    wire({ ...at('eli'), type: 'identify', name: undefined, properties: { email: 'eli@globex.example' } }),
    wire({ ...at('dana'), type: 'group', name: undefined, properties: { name: 'Globex' } }),
  ]);
  await post([
    wire({ ...at('dana'), name: 'project_created' }),
    ...many(10, () => at('dana')),
    ...many(10, () => at('eli')),
  ]);
  clock.now = T0 + DAY;
  const run = await fetch(`${url}/v1/admin/scheduled/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET}` },
  });
  expect(((await run.json()) as { tasks: { digests: { digests: number } } }).tasks.digests.digests).toBe(2);
  await server.idle();
  await smtp.waitFor(7);
  const kind = (r: Received) => /waymark\.(\w+)\./.exec(r.mail.messageId ?? '')![1];
  const danas = smtp.to('dana@globex.example');
  mails.celebration = danas.find((r) => kind(r) === 'celebration' && r.mail.subject!.includes('10 tasks'))!;
  mails.team = danas.find((r) => kind(r) === 'team')!;
  mails.digest = danas.find((r) => kind(r) === 'digest')!;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.stop();
});

describe.each(['celebration', 'team', 'digest'] as const)('the %s email in Chromium', (name) => {
  it.each([
    ['desktop', 'light', 720],
    ['desktop', 'dark', 720],
    ['phone', 'light', 390],
  ] as const)('%s, %s', async (device, colorScheme, width) => {
    const page = await browser.newPage({
      viewport: { width, height: 900 },
      colorScheme,
      deviceScaleFactor: device === 'phone' ? 2 : 1,
    });
    await page.setContent(mails[name].mail.html as string, { waitUntil: 'load' });
    // What a reader sees: the headline, the button, the unsubscribe link; nothing wider than the screen.
    const seen = await page.evaluate(() => ({
      headline: document.querySelector('h1')?.textContent,
      button: [...document.querySelectorAll('a')].map((a) => a.textContent?.trim()).filter(Boolean),
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      card: getComputedStyle(document.querySelector('.wm-card')!).backgroundColor,
    }));
    expect(seen.headline).toBeTruthy();
    expect(seen.button.at(-1)).toBe('Unsubscribe');
    expect(seen.overflow).toBeLessThanOrEqual(0);
    expect(seen.card).toBe(colorScheme === 'dark' ? 'rgb(28, 28, 33)' : 'rgb(255, 255, 255)');
    await page.screenshot({ path: `${SHOTS}/email-${name}-${device}-${colorScheme}.png`, fullPage: true });
    await page.close();
  });
});

describe('the unsubscribe page', () => {
  it("asks, then unsubscribes, under the server's own default-src 'self' CSP, with no violation", async () => {
    const link = /^<(.+)>$/.exec(
      mails.digest.mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/^[^:]+:\s*/, ''),
    )![1];
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 700 },
        colorScheme,
        deviceScaleFactor: 2,
      });
      const violations: string[] = [];
      const page = await context.newPage();
      page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
      await page.goto(link);
      await expect.poll(() => page.textContent('h1')).toBe('Unsubscribe from Acme emails?');
      // The stylesheet (served by the server itself) applies: the button is the accent colour, not the browser's grey.
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('button')!).borderRadius)).toBe('10px');
      await page.screenshot({ path: `${SHOTS}/email-unsubscribe-ask-${colorScheme}.png` });
      if (colorScheme === 'light') {
        await page.click('button');
        await expect.poll(() => page.textContent('h1')).toBe('You’re unsubscribed');
        await page.screenshot({ path: `${SHOTS}/email-unsubscribe-done.png` });
        expect(await server.db.query(`select address from waymark_email_unsubscribes`)).toEqual([
          { address: 'dana@globex.example' },
        ]);
        await page.click('button');
        await expect.poll(() => page.textContent('h1')).toBe('You’re subscribed again');
      }
      expect(violations).toEqual([]);
      await context.close();
    }
  });
});
