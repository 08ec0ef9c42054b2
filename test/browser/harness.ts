import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
// @ts-expect-error plain JS module without types
import { serve } from '../../examples/plain-html/serve.mjs';

export const SHOTS = 'artifacts/screenshots';

/**
 * Chromium, the static server with a strict CSP header, and page helpers. The server serves the repository, or only
 * the folder `root` when given.
 */
export const startHarness = async ({ root }: { root?: string } = {}) => {
  for (const f of ['dist/waymark.global.js', 'dist/waymark.stub.js'])
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run test:browser\` (it builds first)`);
  mkdirSync(SHOTS, { recursive: true });
  const server: { url: string; close(): Promise<void> } = await serve({ port: 0, root });
  const browser: Browser = await chromium.launch({
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
  const violations: string[] = [];
  const errors: string[] = [];
  /**
   * Opens `path` in a fresh context (fresh IndexedDB), recording CSP violations and page errors; in a new tab of
   * `inContext` when given (one this function opened, so that it records CSP violations too). `setup` runs before the
   * page loads (routes, request listeners).
   */
  const open = async (
    path: string,
    options: BrowserContextOptions = {},
    setup?: (page: Page) => Promise<void>,
    inContext?: BrowserContext,
  ): Promise<Page> => {
    const context = inContext ?? (await browser.newContext({ viewport: { width: 1100, height: 800 }, ...options }));
    // Injected by the driver, so it is not itself subject to the page's CSP.
    if (!inContext)
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as unknown as { __csp: string[] }).__csp ??= [];
          (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/favicon|404/.test(m.text() + m.location().url)) errors.push(m.text());
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await setup?.(page);
    await page.goto(server.url + path.replace(/^\//, ''));
    await page.evaluate(() => (window as unknown as { waymark: { ready: Promise<void> } }).waymark.ready);
    return page;
  };
  /** CSP violations seen by the page's listener so far, plus console reports. */
  const cspViolations = async (page: Page) => [
    ...violations,
    ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])),
  ];
  return {
    url: server.url,
    open,
    cspViolations,
    errors,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
};

/** The floating widget's host element; an inline element's tag (`waymark-launcher`) selects that one instead. */
const FLOATING = '[data-waymark-widget]';

/** An element's box, as getBoundingClientRect().toJSON() gives it. */
export type Box = { left: number; right: number; top: number; bottom: number };

/** Whether two boxes share any area (touching edges do not count). */
export const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Runs `fn` (a function of a shadow root, or its source) inside the shadow root of the first `host`. */
export const inWidget = <T>(page: Page, fn: ((root: ShadowRoot) => T) | string, host = FLOATING) =>
  page.evaluate(`(${fn.toString()})(document.querySelector('${host}').shadowRoot)`) as Promise<T>;

/**
 * Polls `fn` (source of a function of the shadow root of `host`, the floating widget by default) until it returns
 * something truthy, for at most `timeout` ms. Polled from Node with page.evaluate: Playwright's waitForFunction would eval() a
 * string in the page, which the strict CSP rightly blocks.
 */
export const waitInWidget = async (page: Page, fn: string, { host = FLOATING, timeout = 10_000 } = {}) => {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(
      `(() => { const root = document.querySelector('${host}')?.shadowRoot; return !!root && !!(${fn})(root); })()`,
    );
    if (value) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${fn}`);
    await page.waitForTimeout(50);
  }
};

/**
 * Tracks `name` `times` times in the page's waymark client (`window.waymark`, as the test pages create it).
 *
 * @example
 * await track(page, 'task_completed', 10);
 */
export const track = (page: Page, name: string, times = 1) =>
  page.evaluate(
    ([n, t]) => {
      for (let i = 0; i < (t as number); i++)
        (window as unknown as { waymark: { track(n: string): void } }).waymark.track(n as string);
    },
    [name, times] as const,
  );

/** The inline launcher's element (test/browser/pages/launcher.html). */
export const LAUNCHER = 'waymark-launcher';
/** `inWidget` inside the inline launcher. */
export const inLauncher = <T>(page: Page, fn: string) => inWidget<T>(page, fn, LAUNCHER);
/** `waitInWidget` inside the inline launcher. */
export const waitInLauncher = (page: Page, fn: string) => waitInWidget(page, fn, { host: LAUNCHER });
/** The inline launcher's boxes: the launcher, its panel, the panel's close button, a toast (absent ones undefined). */
export const launcherBoxes = (page: Page) =>
  inLauncher<Record<'launcher' | 'panel' | 'close' | 'toast', Box | undefined>>(
    page,
    `(root) => {
      const box = (s) => root.querySelector(s)?.getBoundingClientRect().toJSON();
      return { launcher: box('.lc'), panel: box('.pn'), close: box('.pn .hd>.x'), toast: box('.ts') };
    }`,
  );
