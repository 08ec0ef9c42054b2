import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Box, inWidget, SHOTS, startHarness, waitInWidget } from './harness';

// --waymark-offset-bottom and --waymark-offset-side (default 20px) move the floating launcher, and the panel and the
// toasts above it, away from the host's own fixed UI. test/browser/pages/scheme.css sets 80px and 40px on
// [data-waymark-widget] under ?offset, in a stylesheet as a host would (the page's CSP allows no inline style).
let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const box = (page: Page, selector: string) =>
  inWidget(
    page,
    new Function(
      'root',
      `return root.querySelector(${JSON.stringify(selector)})?.getBoundingClientRect().toJSON();`,
    ) as (root: ShadowRoot) => Box | undefined,
  );
const VIEWPORTS = { desktop: { width: 1100, height: 800 }, phone: { width: 390, height: 844 } } as const;
const open = (viewport: keyof typeof VIEWPORTS, query: string) =>
  h.open(`/test/browser/pages/widget.html?${query}`, {
    viewport: VIEWPORTS[viewport],
    ...(viewport === 'phone' && { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
  });

describe.each(['desktop', 'phone'] as const)('the offsets on a %s', (viewport) => {
  const { width, height } = VIEWPORTS[viewport];

  it.each(['bottom-right', 'bottom-left'])(
    '%s: the launcher moves by the offsets, the panel and the toast with it',
    async (position) => {
      const measure = async (query: string) => {
        const page = await open(viewport, `position=${position}${query}`);
        await waitInWidget(page, '(r) => r.querySelector(".lc")');
        const launcher = (await box(page, '.lc'))!;
        await page.evaluate(() => (window as any).waymark.track('project_created'));
        await waitInWidget(page, '(r) => r.querySelector(".ts")');
        await page.waitForTimeout(600); // the pop-in
        const toast = (await box(page, '.ts'))!;
        await inWidget(page, (root) => (root.querySelector('.ts .x') as HTMLElement).click());
        await page.evaluate(() => (window as any).waymark.open());
        await waitInWidget(page, '(r) => r.querySelector(".pn")');
        await page.waitForTimeout(300);
        const panel = (await box(page, '.pn'))!;
        if (query) await page.screenshot({ path: `${SHOTS}/offsets-${viewport}-${position}.png` });
        expect(await h.cspViolations(page)).toEqual([]);
        await page.context().close();
        return { launcher, toast, panel };
      };
      const plain = await measure('');
      const moved = await measure('&offset');
      // 20px by default; 80px up and 40px in with the offsets: the launcher moved by 60 and 20.
      const side = (b: Box) => (position === 'bottom-right' ? width - b.right : b.left);
      expect([height - plain.launcher.bottom, side(plain.launcher)]).toEqual([20, 20]);
      expect([height - moved.launcher.bottom, side(moved.launcher)]).toEqual([80, 40]);
      expect(plain.launcher.bottom - moved.launcher.bottom).toBe(60);
      // The toast and the panel keep their place above the launcher (12px over it) and line up with its side.
      for (const { launcher, toast, panel } of [plain, moved])
        for (const above of [toast, panel]) {
          expect(Math.round(launcher.top - above.bottom)).toBe(12);
          expect(side(above)).toBe(side(launcher));
          expect(above.top).toBeGreaterThanOrEqual(0);
          expect(above.left).toBeGreaterThanOrEqual(0);
          expect(above.right).toBeLessThanOrEqual(width);
        }
    },
  );
});
