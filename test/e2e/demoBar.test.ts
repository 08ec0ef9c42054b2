import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, inShadow, startE2E, WIDGET, waitUntil } from './harness';

// The demo's own fixed "Demo clock" bar and waymark's launcher: the app sets the widget's --waymark-offset-bottom from
// the bar's height (examples/app/styles.css, main.ts), so the launcher, and the panel and toasts above it, sit over
// the bar, never on it, at every width the bar has another height (one line on a phone, up to four at 700 px).
let h: E2E;
beforeAll(async () => {
  h = await startE2E();
});
afterAll(async () => {
  await h?.close();
});

type Box = { left: number; right: number; top: number; bottom: number; height: number };
const rects = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('[data-waymark-widget]')!.shadowRoot!;
    const box = (e: Element | null) => e?.getBoundingClientRect().toJSON() as Box | undefined;
    return {
      bar: box(document.querySelector('.demo-bar'))!,
      launcher: box(root.querySelector('.lc'))!,
      panel: box(root.querySelector('.pn')),
      toast: box(root.querySelector('.ts')),
    };
  });

const SIZES = [
  [1280, 900],
  [700, 900],
  [390, 844],
] as const;

describe('the launcher and the demo-clock bar', () => {
  it.each(SIZES)('at %ix%i: the launcher, a toast and the panel sit above the bar', async (width, height) => {
    const page = await h.open(
      await h.newContext({
        viewport: { width, height },
        ...(width < 600 && { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
      }),
    );
    await waitUntil(() => inShadow(page, WIDGET, (root) => !!root.querySelector('.lc')), 'the launcher');
    await page.click('#new-project');
    await waitUntil(() => inShadow(page, WIDGET, (root) => !!root.querySelector('.ts')), 'the toast');
    await page.waitForTimeout(600); // the pop-in
    const withToast = await rects(page);
    // 16px between the bar and the launcher, whatever the bar's height.
    expect(Math.round(withToast.bar.top - withToast.launcher.bottom)).toBe(16);
    expect(withToast.toast!.bottom).toBeLessThan(withToast.launcher.top);
    await h.shot(page, `demo-bar-${width}-toast`);
    await inShadow(page, WIDGET, (root) => (root.querySelector('.ts .x') as HTMLElement).click());
    await inShadow(page, WIDGET, (root) => (root.querySelector('.lc') as HTMLElement).click());
    await waitUntil(() => inShadow(page, WIDGET, (root) => !!root.querySelector('.pn')), 'the panel');
    await page.waitForTimeout(300);
    const withPanel = await rects(page);
    expect(withPanel.panel!.bottom).toBeLessThan(withPanel.launcher.top);
    expect(withPanel.panel!.top).toBeGreaterThanOrEqual(0);
    await h.shot(page, `demo-bar-${width}-panel`);
    expect(h.problems).toEqual([]);
    expect(await h.cspViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('follows the bar when its height changes: a narrower window wraps its hint, and the launcher moves up', async () => {
    const page = await h.open(await h.newContext({ viewport: { width: 1280, height: 900 } }));
    await waitUntil(() => inShadow(page, WIDGET, (root) => !!root.querySelector('.lc')), 'the launcher');
    const wide = await rects(page);
    await page.setViewportSize({ width: 700, height: 900 });
    await waitUntil(async () => {
      const r = await rects(page);
      return r.bar.height > wide.bar.height && Math.round(r.bar.top - r.launcher.bottom) === 16;
    }, 'the launcher above the taller bar');
    expect(Math.round(wide.bar.top - wide.launcher.bottom)).toBe(16);
    await page.context().close();
  });
});
