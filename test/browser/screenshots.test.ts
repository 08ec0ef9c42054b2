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

describe.each(['light', 'dark'] as const)('screenshots, %s scheme', (colorScheme) => {
  it('the open panel', async () => {
    const page = await h.open('/examples/plain-html/', { colorScheme });
    await progress(page);
    await page.evaluate(() => (window as any).waymark.open());
    await waitInWidget(page, '(r) => r.querySelector(".pn")');
    await page.waitForTimeout(400);
    expect(await inWidget(page, (root) => root.querySelector('.lv h3')!.textContent)).toBe('Getting started · 1 of 3');
    await page.screenshot({ path: `${SHOTS}/panel-${colorScheme}.png` });
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
    expect(await inWidget(page, (root) => root.querySelector('.ts .tt')!.textContent)).toBe('Milestone unlocked: Complete 10 tasks');
    await page.screenshot({ path: `${SHOTS}/celebration-${colorScheme}.png` });
    expect(await h.cspViolations(page)).toEqual([]);
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
