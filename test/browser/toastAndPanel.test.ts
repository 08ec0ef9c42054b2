import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Box, inWidget, overlap, SHOTS, startHarness, track, waitInWidget } from './harness';

// A celebration while the panel is open, on phones and a desktop: the toast is never drawn over the panel, its
// header or its close button, and the close button still takes the click. The toast is a level's, the tallest one
// (the level, a milestone, the badges, Up next and Share), from test/browser/pages/widget.html.
let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const boxes = (page: Page) =>
  inWidget(page, (root) => {
    const box = (s: string) => root.querySelector(s)!.getBoundingClientRect().toJSON() as Box;
    return { panel: box('.pn'), header: box('.pn .hd'), close: box('.pn .hd>.x'), toast: box('.ts') };
  });

// The panel open, then the level completed: its toast arrives while the panel shows.
const levelToastOverPanel = async (page: Page) => {
  await track(page, 'project_created');
  await track(page, 'teammate_invited');
  await waitInWidget(page, '(r) => r.querySelector(".ts")');
  await inWidget(page, (root) => (root.querySelector('.ts .x') as HTMLElement).click());
  await page.evaluate(() => (window as any).waymark.open());
  await waitInWidget(page, '(r) => r.querySelector(".pn") && !r.querySelector(".ts")');
  await track(page, 'task_completed', 10);
  await waitInWidget(page, '(r) => r.querySelector(".ts.lv-done")');
  await page.waitForTimeout(700); // the toast's pop-in and the panel's entrance, settled
};

const VIEWPORTS = [
  [360, 640],
  [390, 844],
  [1280, 800],
] as const;

describe.each(['bottom-right', 'bottom-left'])('a toast while the panel is open, %s', (position) => {
  it.each(VIEWPORTS)(
    'at %ix%i: not over the panel, its header or its close button, which takes the click',
    async (width, height) => {
      const page = await h.open(`/test/browser/pages/widget.html?position=${position}`, {
        viewport: { width, height },
        ...(width < 800 && { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
      });
      await levelToastOverPanel(page);
      const { panel, header, close, toast } = await boxes(page);
      expect(overlap(toast, close)).toBe(false);
      expect(overlap(toast, header)).toBe(false);
      expect(overlap(toast, panel)).toBe(false);
      // Both on the screen, the close button whole.
      for (const box of [toast, close]) {
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(width);
      }
      expect(close.bottom).toBeLessThanOrEqual(panel.bottom);
      // The panel says "Up next": the toast does not, on screen or in what the live region announces.
      const said = await inWidget(page, (root) => ({
        shown: !!root.querySelector('.ts .ey'),
        live: root.querySelector('div.sr[aria-live]')!.textContent,
      }));
      expect(said.shown).toBe(false);
      expect(said.live).toMatch(/^Level complete: Getting started\. /);
      expect(said.live).not.toMatch(/Up next/);
      // What is under the middle of the close button is the close button: nothing is drawn over it.
      const [x, y] = [(close.left + close.right) / 2, (close.top + close.bottom) / 2];
      const hit = await inWidget(page, (root) => {
        const { left, right, top, bottom } = root.querySelector('.pn .hd>.x')!.getBoundingClientRect();
        const at = root.elementFromPoint((left + right) / 2, (top + bottom) / 2);
        return at?.closest('button') === root.querySelector('.pn .hd>.x');
      });
      expect(hit).toBe(true);
      await page.screenshot({ path: `${SHOTS}/toast-and-panel-${position}-${width}x${height}.png` });
      // And a click there closes the panel, with the toast still up.
      await page.mouse.click(x, y);
      await waitInWidget(page, '(r) => !r.querySelector(".pn")');
      expect(await inWidget(page, (root) => !!root.querySelector('.ts'))).toBe(true);
      expect(await h.cspViolations(page)).toEqual([]);
      await page.context().close();
    },
  );
});
