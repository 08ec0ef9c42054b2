import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inWidget, SHOTS, startHarness, waitInWidget } from './harness';

// Screenshots of the example app for people to look at (artifacts/screenshots/), each taken
// after asserting the state it is meant to show.
let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const progress = async (page: Page) => {
  await page.evaluate(() => {
    const wm = (window as any).waymark;
    wm.track('project_created');
    for (let i = 0; i < 7; i++) wm.track('task_completed');
  });
  await page.waitForTimeout(2500); // first-project's toast comes and the bar transitions settle
  await inWidget(page, (root) => (root.querySelector('.ts .x') as HTMLElement | null)?.click());
};

// What the shot shows in each scheme, read from what Chromium lays out: the example page follows the visitor's
// preference and the widget ('auto') follows the page, so a dark shot has a dark page and a dark widget.
const SURFACE = { light: 'rgb(255, 255, 255)', dark: 'rgb(27, 28, 34)' };
const PAGE = { light: 'rgb(245, 246, 248)', dark: 'rgb(17, 19, 24)' };
const drawnIn = (page: Page, surface: '.pn' | '.ts') =>
  page.evaluate((surface) => {
    const root = document.querySelector('[data-waymark-widget]')!.shadowRoot!;
    const inline = document.querySelector('waymark-checklist')!.shadowRoot!.querySelector('.el')!;
    return {
      page: getComputedStyle(document.body).backgroundColor,
      widget: ['light', 'dark'].filter((c) => root.querySelector('.wm')!.classList.contains(c)),
      surface: getComputedStyle(root.querySelector(surface)!).backgroundColor,
      inline: getComputedStyle(inline).backgroundColor,
    };
  }, surface);
const expectScheme = async (page: Page, surface: '.pn' | '.ts', scheme: 'light' | 'dark') =>
  expect(await drawnIn(page, surface)).toEqual({
    page: PAGE[scheme],
    widget: [scheme],
    surface: SURFACE[scheme],
    inline: SURFACE[scheme],
  });
const shots = new Map<string, Buffer>();

describe.each(['light', 'dark'] as const)('screenshots, %s scheme', (colorScheme) => {
  it('the open panel', async () => {
    const page = await h.open('/examples/plain-html/', { colorScheme });
    await progress(page);
    await page.evaluate(() => (window as any).waymark.open());
    await waitInWidget(page, '(r) => r.querySelector(".pn")');
    await page.waitForTimeout(400);
    expect(await inWidget(page, (root) => root.querySelector('.lv h3')!.textContent)).toBe('Getting started · 1 of 3');
    await expectScheme(page, '.pn', colorScheme);
    shots.set(`panel-${colorScheme}`, await page.screenshot({ path: `${SHOTS}/panel-${colorScheme}.png` }));
    expect(await h.cspViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('a celebration with confetti', async () => {
    const page = await h.open('/examples/plain-html/', { colorScheme });
    await progress(page);
    await page.evaluate(() => {
      const wm = (window as any).waymark;
      for (let i = 0; i < 3; i++) wm.track('task_completed');
    });
    await waitInWidget(page, '(r) => r.querySelector(".ts") && r.querySelector("canvas")');
    await page.waitForTimeout(700);
    expect(await inWidget(page, (root) => root.querySelector('.ts .tt')!.textContent)).toBe(
      'Milestone achieved: Complete 10 tasks',
    );
    await expectScheme(page, '.ts', colorScheme);
    shots.set(`celebration-${colorScheme}`, await page.screenshot({ path: `${SHOTS}/celebration-${colorScheme}.png` }));
    expect(await h.cspViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('screenshots, the two schemes', () => {
  it.each(['panel', 'celebration'])('%s: the dark shot is not the light one', (shot) => {
    const [light, dark] = [shots.get(`${shot}-light`), shots.get(`${shot}-dark`)];
    expect(light && dark).toBeTruthy();
    expect(light!.equals(dark!)).toBe(false);
  });
});

describe('screenshots, a celebration while the panel is open', () => {
  const rects = (page: Page) =>
    inWidget(page, (root) =>
      ['.pn', '.ts'].map((s) => root.querySelector(s)!.getBoundingClientRect().toJSON() as DOMRect),
    );
  const overlap = (a: DOMRect, b: DOMRect) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const celebrateOverPanel = async (page: Page) => {
    await page.evaluate(() => (window as any).waymark.open());
    await waitInWidget(page, '(r) => r.querySelector(".pn")');
    await page.evaluate(() => (window as any).waymark.track('teammate_invited'));
    await waitInWidget(page, '(r) => r.querySelector(".ts")');
    await page.waitForTimeout(700);
  };

  it('sits beside the panel, not over it', async () => {
    const page = await h.open('/examples/plain-html/');
    await celebrateOverPanel(page);
    const [panel, toast] = await rects(page);
    expect(overlap(panel, toast)).toBe(false);
    expect(toast.right).toBeLessThanOrEqual(panel.left);
    expect(Math.round(toast.bottom)).toBe(Math.round(panel.bottom));
    await page.screenshot({ path: `${SHOTS}/celebration-beside-panel.png` });
    await page.context().close();
  });

  it('goes to the top on a narrow screen', async () => {
    const page = await h.open('/examples/plain-html/', { viewport: { width: 420, height: 760 } });
    await celebrateOverPanel(page);
    const [panel, toast] = await rects(page);
    expect(toast.top).toBe(16);
    expect(toast.left).toBeGreaterThanOrEqual(0);
    expect(toast.right).toBeLessThanOrEqual(420);
    expect(toast.bottom).toBeLessThan(panel.bottom);
    await page.screenshot({ path: `${SHOTS}/celebration-narrow.png` });
    await page.context().close();
  });
});

describe('screenshots, hostile host page', () => {
  it('the panel over hostile CSS', async () => {
    const page = await h.open('/test/browser/pages/hostile.html');
    await page.evaluate(() => (window as any).waymark.open());
    await waitInWidget(page, '(r) => r.querySelector(".pn")');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/hostile-page.png` });
    expect(await h.cspViolations(page)).toEqual([]);
    await page.context().close();
  });
});
