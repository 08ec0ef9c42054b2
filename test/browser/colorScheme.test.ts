import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startHarness, waitInWidget } from './harness';

// colorScheme 'auto' follows the host page (its color-scheme, else its background), never the OS alone: the
// checks read what Chromium lays out (the computed background of the widget's surfaces), not a class name.
let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

// The computed background of the inline checklist and of the floating launcher: what a user sees.
const surfaces = (page: Page) =>
  page.evaluate(() => {
    const bg = (host: string, sel: string) => {
      const el = document.querySelector(host)?.shadowRoot?.querySelector(sel);
      return el ? getComputedStyle(el).backgroundColor : null;
    };
    return { checklist: bg('waymark-checklist', '.el'), launcher: bg('[data-waymark-widget]', '.lc') };
  });
// Both drawn: polled with page.evaluate, since the strict CSP blocks the eval() of Playwright's waitForFunction.
const ready = async (page: Page) => {
  for (let i = 0; i < 200; i++) {
    const { checklist, launcher } = await surfaces(page);
    if (checklist && launcher) return;
    await page.waitForTimeout(50);
  }
  throw new Error('the checklist and the launcher were not drawn');
};
const WHITE = 'rgb(255, 255, 255)';
const DARK = 'rgb(27, 28, 34)';

describe("colorScheme 'auto' in Chromium", () => {
  it('a light host page on a dark operating system: the widget stays light', async () => {
    // No color-scheme and no background of its own: only the OS could make it dark, and it does not decide.
    const page = await h.open('/test/browser/pages/scheme.html', { colorScheme: 'dark' });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    await ready(page);
    await page.waitForTimeout(300);
    expect(await surfaces(page)).toEqual({ checklist: WHITE, launcher: WHITE });
    await page.screenshot({ path: `${SHOTS}/scheme-light-page-dark-os.png` });
    expect(await h.cspViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the plain-HTML example follows the dark OS, and the widget follows the page', async () => {
    const page = await h.open('/examples/plain-html/', { colorScheme: 'dark' });
    await ready(page);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(17, 19, 24)');
    expect(await surfaces(page)).toEqual({ checklist: DARK, launcher: DARK });
    await page.emulateMedia({ colorScheme: 'light' }); // the OS switches back while the page is open
    await page.waitForTimeout(300);
    expect(await surfaces(page)).toEqual({ checklist: WHITE, launcher: WHITE });
    expect(await h.cspViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("a page that declares color-scheme: dark gets the dark widget on a light OS, and follows the page's switch back", async () => {
    const page = await h.open('/test/browser/pages/scheme.html?theme=dark', { colorScheme: 'light' });
    await ready(page);
    await page.waitForTimeout(300);
    expect(await surfaces(page)).toEqual({ checklist: DARK, launcher: DARK });
    await page.screenshot({ path: `${SHOTS}/scheme-dark-page-light-os.png` });
    await page.click('#theme'); // the host's own switch: the class on <html> goes
    await page.waitForTimeout(300);
    expect(await surfaces(page)).toEqual({ checklist: WHITE, launcher: WHITE });
    await page.click('#theme');
    await page.waitForTimeout(300);
    expect(await surfaces(page)).toEqual({ checklist: DARK, launcher: DARK });
    await page.context().close();
  });

  it('a page with a dark background and no color-scheme: the widget reads the background', async () => {
    const page = await h.open('/test/browser/pages/scheme.html?theme=midnight', { colorScheme: 'light' });
    await ready(page);
    await page.waitForTimeout(300);
    expect(await surfaces(page)).toEqual({ checklist: DARK, launcher: DARK });
    await page.evaluate(() => (window as unknown as { waymark: { open(): void } }).waymark.open());
    await waitInWidget(page, '(r) => r.querySelector(".pn")');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/scheme-midnight-page.png` });
    await page.context().close();
  });
});
