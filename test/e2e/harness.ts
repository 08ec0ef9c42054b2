import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import type { WebhookPayload } from 'waymark-server';
import { startDemo } from '../../examples/app/server.mjs';

/** Where each step's screenshot goes. */
export const SHOTS = 'artifacts/e2e';

type Recorded = Window & { __csp?: string[] };

export { waitUntil } from '../fixtures/waitUntil';

/**
 * Runs `fn` on the open shadow root of the first element matching `host` (a string of a function's source,
 * so it can be evaluated in the page).
 *
 * @example
 * await inShadow(page, 'waymark-checklist', (root) => root.querySelector('h3')?.textContent);
 */
export const inShadow = <T>(page: Page, host: string, fn: (root: ShadowRoot) => T) =>
  page.evaluate(`(${fn.toString()})(document.querySelector(${JSON.stringify(host)}).shadowRoot)`) as Promise<T>;

/** The widget's (launcher, panel, toast) shadow root. */
export const WIDGET = '[data-waymark-widget]';

/**
 * Clicks a real button of the app `times` times in one go, as fast as a script can (no waits between).
 *
 * @example
 * await clickTimes(page, '#resolve', 10);
 */
export const clickTimes = (page: Page, selector: string, times = 1) =>
  page.evaluate(
    ([s, n]) => {
      for (let i = 0; i < n; i++) (document.querySelector(s) as HTMLElement).click();
    },
    [selector, times] as const,
  );

/** Progress as a screen reader gets it: the inline checklist's bars (aria-valuenow) and the launcher's label. */
export const bars = async (page: Page) => ({
  checklist: await inShadow(page, 'waymark-checklist', (root) =>
    [...root.querySelectorAll('[role=progressbar]')].map((b) => b.getAttribute('aria-valuenow')),
  ),
  roi: await inShadow(page, 'waymark-progress', (root) =>
    root.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow'),
  ),
  launcher: await inShadow(page, WIDGET, (root) =>
    root.querySelector('button[aria-haspopup]')?.getAttribute('aria-label'),
  ),
});

/**
 * The demo server (examples/app/server.mjs: the app and the reference backend on one origin, strict CSP header)
 * on a free port with a fresh PGlite directory, and headless Chromium. One per test file.
 *
 * @example
 * const h = await startE2E();
 * const page = await h.open(await h.newContext());
 * await h.close();
 */
export const startE2E = async () => {
  for (const f of ['dist/index.js', 'examples/app/dist/main.js'])
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run test:e2e\` (it builds first)`);
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'waymark-e2e-'));
  const batches: { accepted: number; duplicates: number }[] = [];
  // The signed webhooks the demo's triggers fire, as its receiver took them (each signature checked there).
  const webhooks: WebhookPayload[] = [];
  const demo = await startDemo({
    port: 0,
    dataDir,
    onBatch: (r) => batches.push(r),
    onWebhook: (event) => webhooks.push(event),
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  /** Page errors, console errors and waymark `error` events (which the app logs as "[acme] waymark …"). */
  const problems: string[] = [];
  const consoleViolations: string[] = [];

  const newContext = async (options: BrowserContextOptions = {}) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    // Injected by the driver, so not itself subject to the page's CSP. The event is composed: violations
    // inside the widget's shadow roots reach the document too.
    await context.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => {
        const w = window as Recorded;
        w.__csp ??= [];
        w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
      }),
    );
    return context;
  };

  /** Opens the app in a new tab of `context` and waits until waymark restored its state. */
  const open = async (context: BrowserContext, path = '') => {
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      const text = m.text();
      if (/Content Security Policy/i.test(text)) consoleViolations.push(text);
      // Failed requests while the test holds the network down are expected; those tests say so.
      if ((m.type() === 'error' && !/net::ERR_/.test(text)) || text.startsWith('[acme] waymark'))
        problems.push(`${m.type()}: ${text}`);
    });
    await page.goto(demo.url + path);
    await page.evaluate(() => window.wm!.ready);
    return page;
  };

  /** Every `securitypolicyviolation` event the page saw, plus CSP reports on any page's console. */
  const cspViolations = async (page: Page) => [
    ...consoleViolations,
    ...(await page.evaluate(() => (window as Recorded).__csp ?? [])),
  ];

  /** Rows the backend stored, by event name (`type` track unless given). */
  const count = async (name?: string, type = 'track') => {
    const rows = await demo.db.query(
      `select count(*)::int as n from waymark_events where type = $1 and ($2::text is null or name = $2)`,
      [type, name ?? null],
    );
    return rows[0].n as number;
  };

  /** { name: rows } of stored events of one type. */
  const tally = async (type = 'track') => {
    const rows = await demo.db.query(
      `select name, count(*)::int as n from waymark_events where type = $1 group by name order by name`,
      [type],
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.n])) as Record<string, number>;
  };

  /** Saves artifacts/e2e/<name>.png once toasts, bars and the panel have finished their transitions. */
  const shot = async (page: Page, name: string) => {
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${SHOTS}/${name}.png` });
  };

  return {
    url: demo.url,
    demo,
    batches,
    webhooks,
    problems,
    newContext,
    open,
    cspViolations,
    count,
    tally,
    shot,
    /** Events the backend answered as duplicates, over all batches so far. */
    duplicates: () => batches.reduce((n, b) => n + b.duplicates, 0),
    accepted: () => batches.reduce((n, b) => n + b.accepted, 0),
    close: async () => {
      await browser.close();
      await demo.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

export type E2E = Awaited<ReturnType<typeof startE2E>>;
