import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, inShadow, startE2E, WIDGET, waitUntil } from './harness';

// The demo on a 390 px phone (issue 14: the page scrolled sideways, the demo-clock bar covered half the screen and
// the launcher was cut). Measured from what Chromium lays out, then screenshotted.
let h: E2E;
beforeAll(async () => {
  h = await startE2E();
});
afterAll(async () => {
  await h?.close();
});

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

const layout = (page: Page) =>
  page.evaluate(() => {
    const box = (e: Element | null | undefined) => e?.getBoundingClientRect().toJSON() as DOMRect | undefined;
    const bar = document.querySelector('.demo-bar')!;
    const root = document.querySelector('[data-waymark-widget]')!.shadowRoot!;
    return {
      scrollWidth: document.documentElement.scrollWidth,
      width: innerWidth,
      height: innerHeight,
      bar: box(bar)!,
      barButtons: [...bar.querySelectorAll('button')].map((b) => box(b)!),
      launcher: box(root.querySelector('.lc'))!,
      panel: box(root.querySelector('.pn')),
    };
  });
const inside = (r: DOMRect, width: number, height: number) =>
  r.left >= 0 && r.top >= 0 && r.right <= width && r.bottom <= height;
const overlap = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('the demo on a 390 px phone', () => {
  it('does not scroll sideways; the demo-clock bar is one short line; the launcher is whole and clear of the bar and its buttons', async () => {
    const page = await h.open(await h.newContext(PHONE));
    await waitUntil(() => inShadow(page, WIDGET, (root) => !!root.querySelector('.lc')), 'the launcher');
    const l = await layout(page);
    expect(l.width).toBe(390);
    expect(l.scrollWidth).toBe(390);
    expect(l.bar.height).toBeLessThanOrEqual(56);
    expect(inside(l.launcher, l.width, l.height)).toBe(true);
    expect(overlap(l.bar, l.launcher)).toBe(false);
    for (const button of l.barButtons) {
      expect(inside(button, l.width, l.height)).toBe(true);
      expect(overlap(button, l.launcher)).toBe(false);
    }
    await h.shot(page, 'phone-app');

    // The panel opens over the page, whole, without sideways scroll either.
    await inShadow(page, WIDGET, (root) => (root.querySelector('.lc') as HTMLElement).click());
    await waitUntil(() => inShadow(page, WIDGET, (root) => !!root.querySelector('.pn')), 'the panel');
    const open = await layout(page);
    expect(open.scrollWidth).toBe(390);
    expect(inside(open.panel!, open.width, open.height)).toBe(true);
    await h.shot(page, 'phone-panel');
    expect(h.problems).toEqual([]);
    await page.context().close();
  });

  it('a celebration on the phone fits the screen', async () => {
    const page = await h.open(await h.newContext(PHONE));
    await page.click('#new-project');
    await waitUntil(() => inShadow(page, WIDGET, (root) => !!root.querySelector('.ts')), 'the toast');
    await page.waitForTimeout(600); // the pop-in
    const toast = await inShadow(
      page,
      WIDGET,
      (root) => root.querySelector('.ts')!.getBoundingClientRect().toJSON() as DOMRect,
    );
    const { width, height, scrollWidth } = await layout(page);
    expect(scrollWidth).toBe(390);
    expect(inside(toast, width, height)).toBe(true);
    await h.shot(page, 'phone-celebration');
    await page.context().close();
  });
});
