import { mkdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type WaymarkServer } from 'waymark-server';
import { seedHistory } from '../../../examples/app/seedHistory.mjs';

// The dashboard in real headless Chromium, on the built waymark-server (server/dist) with a seeded synthetic history
// (the demo's definitions, 12 accounts, 60 users, 90 days, sent through ingestion and verification), triggers, and a
// webhook receiver on loopback that fails until told otherwise. Screenshots go to artifacts/dashboard/.
const SHOTS = 'artifacts/dashboard';
const SECRET = 'sk_dash_test_0123456789abcdef';
const IDENTITY = 'dashboard-identity-secret-0123456789-abcdef';
const END = Date.UTC(2026, 10, 30, 18);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: WaymarkServer;
let base: string;
let browser: Browser;
let receiver: Server;
let receiverOk = false;
const received: string[] = [];
const clock: { now: number | undefined } = { now: undefined };
const csp: string[] = [];
const pageErrors: string[] = [];

const admin = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${SECRET}`, ...init.headers },
  });
  return { status: res.status, body: await res.json() };
};

/** A fresh browser context, signed in (or not), recording CSP violations and page errors. */
const open = async (
  options: {
    signIn?: boolean;
    colorScheme?: 'light' | 'dark';
    width?: number;
    height?: number;
    bypassCSP?: boolean;
  } = {},
) => {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    bypassCSP: options.bypassCSP ?? false,
    acceptDownloads: true,
  });
  // Injected by the driver, not subject to the page's CSP.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/CSP |Content Security Policy/.test(m.text())) csp.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${base}/dashboard`);
  if (options.signIn !== false) {
    await page.fill('#secret', SECRET);
    await Promise.all([page.waitForURL(/\/dashboard\/overview/), page.click('button[type=submit]')]);
  }
  return page;
};

/** Each page of the signed-in dashboard: the overview, the accounts, the first account's own page, the webhooks. */
const everyPage = async () => {
  const { body: all } = await admin('/v1/admin/accounts?limit=1');
  return [
    '/dashboard/overview',
    '/dashboard/accounts',
    `/dashboard/accounts/${all.accounts[0].accountId}`,
    '/dashboard/webhooks',
  ];
};

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

const severe = async (page: Page) => {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(d: Document): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const { violations } = await axe.run(document);
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5),
    }));
  });
  for (const v of violations) console.log(`[axe] ${v.impact} ${v.id} ${v.targets.join(' ')}`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} ${v.targets.join(' ')}`);
};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  receiver = createHttpServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push(String(request.headers['webhook-id']));
      response.writeHead(receiverOk ? 200 : 500).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as { port: number }).port;
  server = await createServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    rateLimit: false,
    allowPrivateNetworks: true,
    now: () => clock.now ?? END,
    projects: [
      {
        key: 'pk_dash',
        secretKey: SECRET,
        identitySecrets: [IDENTITY],
        identity: 'required',
        definitions: new URL('../../../examples/app/milestones.json', import.meta.url).pathname,
        triggers: [
          { id: 'momentum', scope: 'account', when: { achievedAtLeast: 3, within: '30d' } },
          { id: 'check-in', scope: 'account', when: { quietFor: '30d' } },
        ],
        webhooks: [
          {
            url: `http://127.0.0.1:${port}/hooks`,
            secret: `whsec_${Buffer.from('dashboard-webhook-secret-32bytes!').toString('base64')}`,
            events: ['level.completed'],
          },
        ],
      },
    ],
  });
  base = await server.listen();
  await seedHistory(server, clock, {
    projectKey: 'pk_dash',
    identitySecret: IDENTITY,
    end: END,
    accounts: 12,
    users: 60,
    seed: 7,
  });
  clock.now = END;
  await server.idle();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('the dashboard in Chromium', () => {
  it('a wrong key shows an error and no data', async () => {
    const page = await open({ signIn: false });
    await shot(page, 'sign-in');
    await page.fill('#secret', 'sk_not_the_key_0123456789');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('[role=alert]')).toContain("doesn't open a project");
    expect(await page.locator('nav[aria-label=Dashboard]').count()).toBe(0);
    expect(await page.locator('table').count()).toBe(0);
    await shot(page, 'sign-in-wrong-key');
    await page.context().close();
  });

  it('the overview shows the admin API numbers, and the cohort chart', async () => {
    const page = await open();
    await page.goto(`${base}/dashboard/overview?range=all`);
    const { body: metrics } = await admin('/v1/admin/metrics');
    const rows = await page.$$eval('table.metrics tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())),
    );
    expect(rows).toHaveLength(metrics.milestones.length);
    metrics.milestones.forEach((m: { title: string; eligible: number; achieved: number; rate: number }, i: number) => {
      expect(rows[i]![0]).toBe(m.title);
      expect(rows[i]![1]).toBe(m.eligible.toLocaleString('en-US'));
      expect(rows[i]![2]).toBe(m.achieved.toLocaleString('en-US'));
      expect(rows[i]![3]).toBe(`${Math.round(m.rate * 100)}%`);
    });
    expect(metrics.milestones.some((m: { achieved: number }) => m.achieved > 0)).toBe(true);
    // The chart is drawn (uPlot's canvas), and its table says the same as the API.
    await page.waitForSelector('figure[data-chart=cohorts] canvas');
    const weeks = await page.$$eval('details table tbody tr', (trs) => trs.length);
    expect(weeks).toBe(metrics.cohorts.length);
    await shot(page, 'overview-light');
    await page.context().close();

    const dark = await open({ colorScheme: 'dark' });
    await dark.waitForSelector('figure[data-chart=cohorts] canvas');
    await shot(dark, 'overview-dark');
    await dark.context().close();
  });

  it('the accounts table filters, sorts and pages on the server, and exports CSV', async () => {
    const page = await open({ width: 1024, height: 768 });
    await page.click('nav[aria-label=Dashboard] a:has-text("Accounts")');
    const { body: all } = await admin('/v1/admin/accounts?limit=500');
    expect(await page.$$eval('table.accounts tbody tr', (r) => r.length)).toBe(Math.min(50, all.total));
    await shot(page, 'accounts-tablet');

    await page.click('nav.tabs a:has-text("At risk")');
    const { body: risk } = await admin('/v1/admin/accounts?status=stalled,behind&limit=500');
    const pills = await page.$$eval('table.accounts tbody .pill', (p) => p.map((x) => x.textContent));
    if (risk.total)
      expect(new Set(pills)).toEqual(
        new Set(risk.accounts.map((a: { status: string }) => (a.status === 'stalled' ? 'Stalled' : 'Behind'))),
      );
    else expect(await page.textContent('.empty')).toContain('No account');
    expect(pills).toHaveLength(risk.total);

    await page.click('nav.tabs a:has-text("All")');
    await page.click('th a:has-text("Users")');
    const users = await page.$$eval('table.accounts tbody tr td:nth-of-type(2)', (c) =>
      c.map((x) => Number(x.textContent!.replace(/,/g, ''))),
    );
    expect(users).toEqual([...users].sort((a, b) => b - a));

    const target = all.accounts[0].accountId as string;
    await page.fill('#search', target);
    await page.click('form[role=search] button');
    expect(await page.$$eval('table.accounts tbody th a', (a) => a.map((x) => x.textContent))).toContain(target);

    const csv = await page.evaluate(async () =>
      (await fetch('/dashboard/accounts.csv?sort=achieved&order=desc')).text(),
    );
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('account,status,users,achieved,last_achieved_at');
    expect(lines).toHaveLength(all.total + 1);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(all.accounts.map((a: { accountId: string }) => a.accountId).sort());
    await page.context().close();
  });

  it('one account: its users, their milestones, progress and timeline', async () => {
    const page = await open();
    const { body: all } = await admin('/v1/admin/accounts?sort=users&limit=1');
    const account = all.accounts[0];
    await page.goto(`${base}/dashboard/accounts/${encodeURIComponent(account.accountId)}`);
    expect(await page.textContent('h1')).toBe(account.accountId);
    expect(await page.locator('article.user').count()).toBe(account.users);
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(0);
    expect(await page.locator('progress').count()).toBeGreaterThan(0);
    // The triggers that fired for it, as the admin API lists them.
    const { body: fires } = await admin('/v1/admin/triggers/momentum/fires?limit=1000');
    const own = fires.fires.filter((f: { accountId?: string }) => f.accountId === account.accountId).length;
    const shown = await page.$$eval('section[aria-labelledby=triggers-title] tbody tr td:first-child', (c) =>
      c.map((x) => x.textContent),
    );
    expect(shown.filter((t) => t === 'momentum')).toHaveLength(own);
    await shot(page, 'account');
    await page.context().close();
  });

  it('a failed delivery is retried from the webhooks page', async () => {
    await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    receiverOk = true;
    const page = await open();
    await page.click('nav[aria-label=Dashboard] a:has-text("Webhooks")');
    await shot(page, 'webhooks');
    const button = page.locator('button:has-text("Retry")').first();
    const label = (await button.getAttribute('aria-label'))!;
    const id = Number(/(\d+)$/.exec(label)![1]);
    // The triggers table says what the admin API says.
    const { body: summary } = await admin('/v1/admin/triggers');
    const triggerRows = await page.$$eval('section[aria-labelledby=triggers-title] tbody tr', (trs) =>
      trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td.num')!.textContent]),
    );
    expect(triggerRows).toEqual(
      summary.triggers.map((t: { id: string; fired: number }) => [t.id, t.fired.toLocaleString('en-US')]),
    );
    expect(summary.triggers.find((t: { id: string }) => t.id === 'momentum').fired).toBeGreaterThan(0);
    await Promise.all([page.waitForURL(/retried=1/), button.click()]);
    expect(await page.textContent('[role=status]')).toContain('queued');
    await server.idle();
    await expect
      .poll(async () => (await admin(`/v1/admin/webhooks/deliveries/${id}`)).body.status, { timeout: 30_000 })
      .toBe('succeeded');
    await page.context().close();
  });

  it('on a phone no page scrolls sideways: its wide tables scroll inside themselves', async () => {
    const page = await open({ width: 390, height: 844 });
    for (const path of [...(await everyPage()), '/dashboard/overview?range=all']) {
      await page.goto(`${base}${path}`);
      // The trends' screen-reader words are absolutely positioned: placed against the page, they widened it.
      const width = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      expect(width, path).toEqual([390, 390]);
    }
    await page.context().close();
  });

  it('no CSP violation, no page error, and axe finds nothing serious, light and dark', async () => {
    expect(csp).toEqual([]);
    expect(pageErrors).toEqual([]);
    const pages = await everyPage();
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await open({ colorScheme, bypassCSP: true });
      for (const path of pages) {
        await page.goto(`${base}${path}`);
        expect(await severe(page), `${colorScheme} ${path}`).toEqual([]);
      }
      await page.context().close();
    }
    const signIn = await open({ signIn: false, bypassCSP: true });
    expect(await severe(signIn)).toEqual([]);
    await signIn.context().close();
  });
});
