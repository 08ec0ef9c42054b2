import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Box, inLauncher, launcherBoxes, overlap, SHOTS, startHarness, track, waitInLauncher } from './harness';

// An inline <waymark-launcher> in the page's own bar (test/browser/pages/launcher.html), at the top or the bottom of
// the window, at its left or its right end, on a desktop and a phone: its panel opens inside the window, beside the
// launcher, and a celebration that arrives while it is open is never drawn over it.
let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const inside = (box: Box, width: number, height: number) => {
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.top).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(width);
  expect(box.bottom).toBeLessThanOrEqual(height);
};

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 667 } } as const;
const PLACES = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;

describe.each(Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[])('an inline launcher on a %s', (viewport) => {
  const { width, height } = VIEWPORTS[viewport];
  const open = (at: string) =>
    h.open(`/test/browser/pages/launcher.html?at=${at}`, {
      viewport: { width, height },
      ...(viewport === 'phone' && { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
    });
  const openPanel = async (page: Page) => {
    await page.locator('waymark-launcher button.lc').click();
    await waitInLauncher(page, '(r) => r.querySelector(".pn")');
    await page.waitForTimeout(400); // the panel's entrance, settled
  };

  it.each(PLACES)('at the %s of the window: the panel opens inside it, beside the launcher', async (at) => {
    const page = await open(at);
    await openPanel(page);
    const { launcher, panel } = await launcherBoxes(page);
    inside(panel!, width, height);
    expect(overlap(panel!, launcher!)).toBe(false);
    // On the launcher's side of the window, towards the middle of it.
    if (at.startsWith('top')) expect(panel!.top).toBeGreaterThanOrEqual(launcher!.bottom);
    else expect(panel!.bottom).toBeLessThanOrEqual(launcher!.top);
    if (width > 2 * (panel!.right - panel!.left)) {
      if (at.endsWith('left')) expect(panel!.left).toBe(launcher!.left);
      else expect(panel!.right).toBe(launcher!.right);
    }
    await page.screenshot({ path: `${SHOTS}/inline-launcher-${at}-${width}x${height}.png` });
    expect(await h.cspViolations(page)).toEqual([]);
    await page.context().close();
  });

  it.each(PLACES)(
    'at the %s of the window: a toast while the panel is open is not drawn over it, and says no second "Up next", on screen or aloud',
    async (at) => {
      const page = await open(at);
      await track(page, 'project_created');
      await track(page, 'teammate_invited');
      await waitInLauncher(page, '(r) => r.querySelector(".ts")');
      await inLauncher(page, '(r) => r.querySelector(".ts .x").click()');
      await openPanel(page);
      await waitInLauncher(page, '(r) => r.querySelector(".pn") && !r.querySelector(".ts")');
      // The level completed: its toast, the tallest (the level, a milestone, the badges, Share), while the panel shows.
      await track(page, 'task_completed', 10);
      await waitInLauncher(page, '(r) => r.querySelector(".ts.lv-done")');
      await page.waitForTimeout(700); // the toast's pop-in, settled
      const { panel, close, toast } = await launcherBoxes(page);
      expect(overlap(toast!, panel!)).toBe(false);
      inside(panel!, width, height);
      inside(toast!, width, height);
      // The panel's header and close button stay whole and take the click.
      inside(close!, width, height);
      expect(close!.bottom).toBeLessThanOrEqual(panel!.bottom);
      // The panel shows "Up next" with its call to action: the toast does not say it a second time.
      const ups = await inLauncher<string[]>(
        page,
        '(r) => [...r.querySelectorAll(".ey")].map((e) => e.closest(".ts") ? "toast" : "panel")',
      );
      expect(ups).toEqual(['panel']);
      // Nor does it say it aloud: the live region announces what the toast shows.
      const live = await inLauncher<string>(page, '(r) => r.querySelector("div.sr[aria-live]").textContent');
      expect(live).toMatch(/^Level complete: Getting started\. /);
      expect(live).not.toMatch(/Up next/);
      await page.screenshot({ path: `${SHOTS}/inline-launcher-toast-${at}-${width}x${height}.png` });
      await page.mouse.click((close!.left + close!.right) / 2, (close!.top + close!.bottom) / 2);
      await waitInLauncher(page, '(r) => !r.querySelector(".pn")');
      expect(await inLauncher(page, '(r) => !!r.querySelector(".ts")')).toBe(true);
      expect(await h.cspViolations(page)).toEqual([]);
      await page.context().close();
    },
  );
});
