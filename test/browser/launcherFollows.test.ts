import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Box, launcherBoxes, overlap, SHOTS, startHarness, track, waitInLauncher } from './harness';

// An inline <waymark-launcher>'s open panel stays placed against its launcher (12px from it, lined up with its nearer
// edge, inside the window) when the page scrolls, when the window is resized or turned, and when an ancestor of the
// launcher has a CSS transform (which would make that ancestor the containing block of a position: fixed box). It
// listens to the window only while it is open. Pages: test/browser/pages/launcher.html with ?bar=scrolls (the bar
// scrolls away with a long page), ?bar=transformed, and ?at=top-middle (the launcher moves when the width changes).
let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const openPanel = async (page: Page) => {
  await page.locator('waymark-launcher button.lc').click();
  await waitInLauncher(page, '(r) => r.querySelector(".pn")');
  // Off the launcher, which rises 2px under the pointer.
  await page.mouse.move(1, 1);
  await page.waitForTimeout(400); // the panel's entrance, settled
};
/** Two frames: whatever the scroll or the resize moves is drawn. */
const settle = (page: Page) =>
  page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

type Size = { width: number; height: number };
/** Where the panel is against its launcher, and whether it is whole in the window: what each check records. */
const placement = async (page: Page) => {
  const { width, height } = page.viewportSize()!;
  const { launcher, panel } = await launcherBoxes(page);
  const l = launcher!;
  const p = panel!;
  return {
    // 12px below a launcher in the window's upper half, 12px above one in its lower half.
    gap: Math.round(l.top + l.bottom < height ? p.top - l.bottom : l.top - p.bottom),
    // Lined up with the launcher's nearer edge, where the window has room for that (a phone's has not).
    edge:
      width > 2 * (p.right - p.left) ? Math.round(l.left + l.right < width ? p.left - l.left : l.right - p.right) : 0,
    inside: p.left >= 0 && p.top >= 0 && p.right <= width && p.bottom <= height,
    height: Math.round(p.bottom - p.top),
    overlapsLauncher: overlap(p, l),
  };
};
const placed = { gap: 12, edge: 0, inside: true, overlapsLauncher: false };

const PHONE = { isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const open = (query: string, viewport: Size, phone = viewport.width < 800) =>
  h.open(`/test/browser/pages/launcher.html?${query}`, { viewport, ...(phone && PHONE) });

describe('an inline launcher on a page that scrolls', () => {
  it.each([
    ['top-left', { width: 1280, height: 800 }],
    ['bottom-right', { width: 1280, height: 800 }],
    ['top-right', { width: 390, height: 844 }],
    ['bottom-left', { width: 390, height: 844 }],
  ] as const)('at the %s of the first screen, %o: the panel follows its launcher', async (at, viewport) => {
    const page = await open(`at=${at}&bar=scrolls`, viewport);
    await openPanel(page);
    expect(await placement(page)).toMatchObject(placed);
    await page.evaluate(() => window.scrollBy(0, 30));
    await settle(page);
    // The launcher moved 30px up, and the panel with it.
    expect(await placement(page)).toMatchObject(placed);
    // Scrolled far, the launcher out of the window: the panel stays whole inside the window.
    await page.evaluate(() => window.scrollBy(0, 1500));
    await settle(page);
    expect((await placement(page)).inside).toBe(true);
    expect(h.errors).toEqual([]);
    await page.context().close();
  });
});

describe('an inline launcher when the window changes size', () => {
  it.each([
    [
      { width: 1280, height: 800 },
      { width: 900, height: 700 },
    ],
    [
      { width: 390, height: 844 },
      { width: 844, height: 390 },
    ],
  ] as const)('in the middle of the bar, %o resized to %o: the panel follows its launcher', async (from, to) => {
    const page = await open('at=top-middle', from);
    await openPanel(page);
    expect(await placement(page)).toMatchObject(placed);
    await page.setViewportSize(to);
    await settle(page);
    // The centred launcher moved sideways: the panel with it, still whole.
    expect(await placement(page)).toMatchObject(placed);
    await page.context().close();
  });

  it('a desktop turned phone with a toast beside the panel: both stay in the window, neither over the other', async () => {
    const page = await open('at=top-left', { width: 1280, height: 800 }, false);
    await openPanel(page);
    await track(page, 'project_created');
    await waitInLauncher(page, '(r) => r.querySelector(".ts")');
    await page.waitForTimeout(600); // the toast's pop-in, settled
    await page.setViewportSize({ width: 390, height: 844 });
    await settle(page);
    const { panel, toast } = await launcherBoxes(page);
    const whole = (b: Box) => b.left >= 0 && b.top >= 0 && b.right <= 390 && b.bottom <= 844;
    expect({ panel: whole(panel!), toast: whole(toast!), overlap: overlap(panel!, toast!) }).toEqual({
      panel: true,
      toast: true,
      overlap: false,
    });
    await page.context().close();
  });
});

describe('an inline launcher in a bar with a CSS transform', () => {
  it.each([
    ['top-left', { width: 1280, height: 800 }],
    ['bottom-right', { width: 1280, height: 800 }],
    ['top-right', { width: 390, height: 844 }],
  ] as const)('at the %s, %o: the panel opens against its launcher, whole', async (at, viewport) => {
    const page = await open(`at=${at}&bar=transformed`, viewport);
    await openPanel(page);
    const p = await placement(page);
    expect(p).toMatchObject(placed);
    expect(p.height).toBeGreaterThan(300);
    // Closed, a toast shows in the window's corner, not in the bar's.
    await page.keyboard.press('Escape');
    await track(page, 'project_created');
    await waitInLauncher(page, '(r) => r.querySelector(".ts")');
    await page.waitForTimeout(600);
    const { toast } = await launcherBoxes(page);
    expect(Math.round(viewport.height - toast!.bottom)).toBe(92); // --waymark-offset-bottom (20px) + 72px
    await page.screenshot({ path: `${SHOTS}/launcher-transformed-${at}-${viewport.width}x${viewport.height}.png` });
    await page.context().close();
  });
});

describe("an inline launcher's listeners", () => {
  it('are on the window only while the panel is open, and gone when the launcher leaves the page', async () => {
    const page = await h.open('/test/browser/pages/launcher.html?at=top-left&bar=scrolls', {}, async (p) => {
      // Counts the window's scroll and resize listeners (injected by the driver, before the page's scripts).
      await p.addInitScript(() => {
        const on: [string, unknown][] = [];
        const add = window.addEventListener;
        const remove = window.removeEventListener;
        window.addEventListener = function (this: Window, type: string, fn: unknown, ...rest: unknown[]) {
          if (type === 'scroll' || type === 'resize') on.push([type, fn]);
          return (add as any).call(this, type, fn, ...rest);
        } as typeof add;
        window.removeEventListener = function (this: Window, type: string, fn: unknown, ...rest: unknown[]) {
          const i = on.findIndex(([t, f]) => t === type && f === fn);
          if (i >= 0) on.splice(i, 1);
          return (remove as any).call(this, type, fn, ...rest);
        } as typeof remove;
        (window as any).__listening = () => on.length;
      });
    });
    const listening = () => page.evaluate(() => (window as any).__listening() as number);
    const before = await listening();
    await openPanel(page);
    const open = await listening();
    await page.keyboard.press('Escape');
    await waitInLauncher(page, '(r) => !r.querySelector(".pn")');
    const closed = await listening();
    await openPanel(page);
    await page.evaluate(() => document.querySelector('waymark-launcher')!.remove());
    const removed = await listening();
    await page.evaluate(() => window.scrollBy(0, 200));
    await page.setViewportSize({ width: 700, height: 600 });
    await settle(page);
    expect({ open: open - before, closed: closed - before, removed: removed - before }).toEqual({
      open: 2,
      closed: 0,
      removed: 0,
    });
    expect(h.errors).toEqual([]);
    await page.context().close();
  });
});

// What an end user sees, for the eye: the panel of a launcher in a bar at the bottom of a long page's first screen,
// opened, then the page scrolled (the bar rises, the panel with it, shorter), then the window resized (a desktop's
// narrowed, a phone's turned), in the light and the dark scheme.
describe.each([
  ['desktop', { width: 1280, height: 800 }, { width: 900, height: 700 }],
  ['phone', { width: 390, height: 844 }, { width: 844, height: 390 }],
] as const)('screenshots on a %s', (device, from, to) => {
  it.each(['light', 'dark'])('%s: opened, scrolled, resized', async (theme) => {
    const page = await open(`at=bottom-right&bar=scrolls&theme=${theme}`, from, device === 'phone');
    const shot = (step: string) =>
      page.screenshot({ path: `${SHOTS}/launcher-follows-${device}-${theme}-${step}.png` });
    await openPanel(page);
    await shot('1-opened');
    expect(await placement(page)).toMatchObject(placed);
    await page.evaluate(() => window.scrollBy(0, 300));
    await settle(page);
    await shot('2-scrolled');
    expect(await placement(page)).toMatchObject(placed);
    await page.setViewportSize(to);
    await settle(page);
    await shot('3-resized');
    expect(await placement(page)).toMatchObject(placed);
    await page.context().close();
  });
});
